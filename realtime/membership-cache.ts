// Chat members, cached for a few seconds per chat: typing events arrive in bursts and each needs
// the member list. Concurrent lookups of one chat share one query. A member removed in the app
// may still have their typing relayed for at most the TTL.
export interface MembershipCache {
  memberIds(chatId: string): Promise<string[]>;
  forget(chatId: string): void;
}

export function membershipCache(load: (chatId: string) => Promise<string[]>, ttlMs = 3_000, maxEntries = 10_000): MembershipCache {
  const entries = new Map<string, { ids: Promise<string[]>; until: number }>();
  return {
    memberIds(chatId) {
      const now = Date.now();
      const hit = entries.get(chatId);
      if (hit && hit.until > now) return hit.ids;
      entries.delete(chatId);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      const ids = load(chatId);
      entries.set(chatId, { ids, until: now + ttlMs });
      ids.catch(() => entries.delete(chatId));
      return ids;
    },
    forget(chatId) {
      entries.delete(chatId);
    },
  };
}
