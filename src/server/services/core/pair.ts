// Two people as an unordered pair, lower id first: one friendship row and one direct chat per pair.
function ordered(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/** The friendship row's key. */
export function pairKey(a: string, b: string): { userLowId: string; userHighId: string } {
  const [userLowId, userHighId] = ordered(a, b);
  return { userLowId, userHighId };
}

/** The direct chat's unique `direct_key`. */
export function directChatKey(a: string, b: string): string {
  return ordered(a, b).join(":");
}
