// The signed-in account as account.me last answered, kept in localStorage so the app shell can open
// on the saved history when the server cannot be reached. One slot: the last account of this browser.
import type { RouterOutputs } from "~/trpc/react";

type Me = RouterOutputs["account"]["me"];

const KEY = "bm-offline-account";

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

export function saveAccount(me: Me): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(me));
  } catch {
    // Quota or privacy settings: the app just does not open offline.
  }
}

export function savedAccount(): Me | null {
  try {
    const raw = storage()?.getItem(KEY);
    return raw ? (JSON.parse(raw) as Me) : null;
  } catch {
    return null;
  }
}

/** Forgets the saved account (only if it is this one, when an id is given). */
export function forgetAccount(userId?: string): void {
  if (userId && savedAccount()?.id !== userId) return;
  storage()?.removeItem(KEY);
}

/** The request failed for want of a server (no answer, or a gateway's 5xx), not by its answer. */
export function serverUnreachable(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const status = (error as { data?: { httpStatus?: number } | null }).data?.httpStatus;
  return status === undefined || status >= 500;
}
