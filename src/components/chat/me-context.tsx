"use client";
// The signed-in user's id for the chat components (the app shell has loaded account.me before them).
import { createContext, useContext, type ReactNode } from "react";

const MeContext = createContext<string | null>(null);

export function MeProvider({ userId, children }: { userId: string; children: ReactNode }) {
  return <MeContext.Provider value={userId}>{children}</MeContext.Provider>;
}

export function useMeId(): string {
  const id = useContext(MeContext);
  if (!id) throw new Error("useMeId() outside <MeProvider>");
  return id;
}
