import type { ReactNode } from "react";
import { MessengerFrame } from "./_components/messenger-frame";

/** The messenger: the chat list beside the open chat (one of the two on phones). */
export default function MessengerLayout({ children }: { children: ReactNode }) {
  return <MessengerFrame>{children}</MessengerFrame>;
}
