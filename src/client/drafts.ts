// Unsent text per chat, kept in localStorage so it survives a reload or a full navigation. Keys
// carry the user id, so another account signed in on this browser never sees them; signing out
// clears them all.
const PREFIX = "bm-draft:";

type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

function storage(): DraftStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // storage disabled (privacy settings): drafts live only as long as the composer
  }
}

const draftKey = (userId: string, chatId: string) => `${PREFIX}${userId}:${chatId}`;

export function readDraft(userId: string, chatId: string, store = storage()): string {
  return store?.getItem(draftKey(userId, chatId)) ?? "";
}

/** Saves the draft; an empty one is removed. */
export function writeDraft(userId: string, chatId: string, text: string, store = storage()): void {
  try {
    if (text) store?.setItem(draftKey(userId, chatId), text);
    else store?.removeItem(draftKey(userId, chatId));
  } catch {
    // Quota exceeded: the draft stays in the composer, just not across a reload.
  }
}

/** Removes every draft on this browser (on sign-out). */
export function clearAllDrafts(store = storage()): void {
  if (!store) return;
  const keys: string[] = [];
  for (let index = 0; index < store.length; index++) {
    const key = store.key(index);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) store.removeItem(key);
}
