// "This device has the chat's messages up to seq" marks, for the senders' ✓✓: each mark is sent once,
// batched per chat, held until a socket is connected to carry it, and sent again if it was lost.
import type { ClientSocket } from "./connection";

export const DELIVERED_BATCH_MS = 200;

export class DeliveredMarks {
  private queued = new Map<string, number>();
  /** chatId → the highest seq this device has already reported. */
  private sent = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly socket: () => ClientSocket | null) {}

  add(chatId: string, seq: number): void {
    if (seq <= Math.max(this.sent.get(chatId) ?? 0, this.queued.get(chatId) ?? 0)) return;
    this.queued.set(chatId, seq);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flush();
    }, DELIVERED_BATCH_MS);
  }

  /** Sends what is queued, if a socket is up (the Messenger calls this again after every connect). */
  flush(): void {
    const socket = this.socket();
    if (!socket?.connected) return;
    for (const [chatId, seq] of this.queued) {
      this.sent.set(chatId, seq);
      socket.timeout(10_000).emit("message:delivered", { chatId, seq }, (error) => {
        // Lost on the way (the socket dropped): report it again unless a later mark went out.
        if (error && this.sent.get(chatId) === seq) {
          this.sent.delete(chatId);
          this.add(chatId, seq);
        }
      });
    }
    this.queued.clear();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
