// Which actions a profile offers, given how the two people stand.
import type { PersonAction } from "./use-person-actions";

export interface RelationLike {
  friend: "none" | "outgoing" | "incoming" | "friends";
  blockedByMe: boolean;
  blockedMe: boolean;
}

/** What one may do, given how the two stand. */
export function actionsFor(relation: RelationLike): PersonAction[] {
  if (relation.blockedByMe) return ["unblock"];
  if (relation.blockedMe) return ["block"];
  const friend: Record<RelationLike["friend"], PersonAction[]> = {
    none: ["request"],
    outgoing: ["cancel"],
    incoming: ["accept", "decline"],
    friends: ["remove"],
  };
  return ["message", ...friend[relation.friend], "block"];
}
