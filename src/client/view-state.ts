// Tells the sidecar what this tab shows (view:state): the open chat, or none, and whether the page is
// visible. The push job skips a chat on screen and a device in the foreground (docs/architecture.md,
// "Web push"). Sent on change and again on every (re)connect, since a new socket starts with no state.
import type { ClientSocket } from "./connection";

export class ViewStateReporter {
  private chatId: string | null = null;
  private readonly onVisibility = () => this.report();

  constructor(private readonly socket: () => ClientSocket | null) {
    if (typeof document !== "undefined") document.addEventListener("visibilitychange", this.onVisibility);
  }

  /** The chat this tab now shows (null: none). */
  showChat(chatId: string | null): void {
    if (chatId === this.chatId) return;
    this.chatId = chatId;
    this.report();
  }

  report(): void {
    const socket = this.socket();
    if (!socket?.connected) return;
    const visible = typeof document === "undefined" || document.visibilityState === "visible";
    socket.emit("view:state", { chatId: this.chatId, visible });
  }

  stop(): void {
    if (typeof document !== "undefined") document.removeEventListener("visibilitychange", this.onVisibility);
  }
}
