// Friend requests and friendships. One row per pair: requesting someone who already requested you
// accepts; two crossing requests end as one friendship (the row lock orders them).
import { db, type Friendship, type Prisma } from "~/server/db";
import { query, queryIn, sql } from "~/server/db/sql";
import { enqueueFriendPushIn, withJobQueue } from "~/server/jobs/enqueue-sql";
import { publishToUsers } from "~/server/realtime/publish";
import { AppError } from "~/shared/errors";
import { assertNoBlock } from "../core/blocks";
import { pairKey } from "../core/pair";
import { PERSON_SELECT, requireLiveUsers, toPerson } from "../core/person";
import { friendStateOf, relationBetween, type FriendState } from "./relations";

type Tx = Prisma.TransactionClient;
type PairKey = ReturnType<typeof pairKey>;
type PairRow = Pick<Friendship, "status" | "requesterId">;
/** The pair's row, row-locked until the transaction ends, or null when there is none. */
async function lockedPairRow(tx: Tx, key: PairKey): Promise<PairRow | null> {
  const [row] = await queryIn<PairRow>(tx, sql`
    SELECT status, requester_id AS "requesterId" FROM friendships
    WHERE user_low_id = ${key.userLowId}::uuid AND user_high_id = ${key.userHighId}::uuid FOR UPDATE`);
  return row ?? null;
}

/** Locks and returns the pair's row, creating it as `insert` when there is none. */
async function lockPair(tx: Tx, me: string, other: string, insert: PairRow) {
  const key = pairKey(me, other);
  const inserted = await queryIn(tx, sql`
    INSERT INTO friendships (user_low_id, user_high_id, requester_id, status, updated_at)
    VALUES (${key.userLowId}::uuid, ${key.userHighId}::uuid, ${insert.requesterId}::uuid, ${insert.status}::"FriendshipStatus", now())
    ON CONFLICT DO NOTHING RETURNING 1 AS one`);
  const row = (await lockedPairRow(tx, key))!;
  return { created: inserted.length === 1, ...row, key };
}

/** Sends a friend request, or accepts theirs if they already asked. Returns the new state. */
export async function requestFriend(me: string, other: string): Promise<FriendState> {
  if (me === other) throw new AppError("BAD_REQUEST", "You cannot add yourself", { field: "userId" });
  await requireLiveUsers([other]);
  assertNoBlock(await relationBetween(me, other), { byMe: "Unblock this person first", byThem: "This person does not accept your requests" });

  const state = await withJobQueue(() => db.$transaction(async (tx) => {
    const pair = await lockPair(tx, me, other, { status: "REQUESTED", requesterId: me });
    if (pair.created) {
      await enqueueFriendPushIn(tx, "request", other, me);
      return "outgoing" as const;
    }
    const current = friendStateOf(pair, me);
    if (current === "friends" || current === "outgoing") return current;
    if (pair.status === "REQUESTED") {
      // They asked first: asking back accepts.
      await tx.friendship.update({ where: { userLowId_userHighId: pair.key }, data: { status: "ACCEPTED" } });
      await enqueueFriendPushIn(tx, "accepted", other, me);
      return "friends" as const;
    }
    // Declined earlier by me: ask them now.
    await tx.friendship.update({ where: { userLowId_userHighId: pair.key }, data: { status: "REQUESTED", requesterId: me } });
    await enqueueFriendPushIn(tx, "request", other, me);
    return "outgoing" as const;
  }));
  await publishToUsers([me, other], "friends:updated", { userIds: [me, other] });
  return state;
}

interface Transition {
  /** The state the change starts from. */
  allowed: (row: PairRow) => boolean;
  /** The state it ends in (null: no row): a concurrent identical call got there first. */
  done: (row: PairRow | null) => boolean;
  apply: (tx: Tx, key: PairKey) => Promise<unknown>;
  /** The NOT_FOUND message when the change does not apply. */
  message: string;
}

/**
 * Decides under the pair's row lock: of identical calls (at once or repeated), the first changes the
 * row and the others, finding it already done, answer the same and write and publish nothing.
 */
async function transition(me: string, other: string, rule: Transition) {
  const key = pairKey(me, other);
  const changed = await withJobQueue(() => db.$transaction(async (tx) => {
    const row = await lockedPairRow(tx, key);
    if (row && rule.allowed(row)) {
      await rule.apply(tx, key);
      return true;
    }
    if (rule.done(row)) return false;
    throw new AppError("NOT_FOUND", rule.message, { field: "userId" });
  }));
  if (changed) await publishToUsers([me, other], "friends:updated", { userIds: [me, other] });
}

const requestFrom = (requester: string) => (row: PairRow) => row.status === "REQUESTED" && row.requesterId === requester;

export const acceptFriend = (me: string, requester: string) =>
  transition(me, requester, {
    allowed: requestFrom(requester),
    done: (row) => row?.status === "ACCEPTED",
    apply: async (tx, key) => {
      await tx.friendship.update({ where: { userLowId_userHighId: key }, data: { status: "ACCEPTED" } });
      await enqueueFriendPushIn(tx, "accepted", requester, me);
    },
    message: "No request from this person",
  });

export const declineFriend = (me: string, requester: string) =>
  transition(me, requester, {
    allowed: requestFrom(requester),
    done: (row) => row?.status === "REJECTED" && row.requesterId === requester,
    apply: (tx, key) => tx.friendship.update({ where: { userLowId_userHighId: key }, data: { status: "REJECTED" } }),
    message: "No request from this person",
  });

export const cancelRequest = (me: string, other: string) =>
  transition(me, other, {
    allowed: (row) => row.status !== "ACCEPTED" && row.requesterId === me,
    done: (row) => row === null,
    apply: (tx, key) => tx.friendship.delete({ where: { userLowId_userHighId: key } }),
    message: "No request to this person",
  });

export const removeFriend = (me: string, other: string) =>
  transition(me, other, {
    allowed: (row) => row.status === "ACCEPTED",
    done: (row) => row === null,
    apply: (tx, key) => tx.friendship.delete({ where: { userLowId_userHighId: key } }),
    message: "Not your friend",
  });

const mine = (me: string) => ({ OR: [{ userLowId: me }, { userHighId: me }] });
const withPeople = { userLow: { select: PERSON_SELECT }, userHigh: { select: PERSON_SELECT } } as const;

/** Friends, incoming and outgoing requests, each with the other person. */
export async function listFriends(me: string) {
  const rows = await db.friendship.findMany({ where: { ...mine(me), status: { in: ["ACCEPTED", "REQUESTED"] } }, include: withPeople, orderBy: { updatedAt: "desc" } });
  const entry = (row: (typeof rows)[number]) => ({ ...toPerson(row.userLowId === me ? row.userHigh : row.userLow), since: row.updatedAt });
  return {
    friends: rows.filter((row) => row.status === "ACCEPTED").map(entry),
    incoming: rows.filter((row) => row.status === "REQUESTED" && row.requesterId !== me).map(entry),
    outgoing: rows.filter((row) => row.status === "REQUESTED" && row.requesterId === me).map(entry),
  };
}

export async function friendIds(me: string): Promise<string[]> {
  const rows = await query<{ id: string }>(sql`
    SELECT CASE WHEN user_low_id = ${me}::uuid THEN user_high_id ELSE user_low_id END AS id
    FROM friendships WHERE (user_low_id = ${me}::uuid OR user_high_id = ${me}::uuid) AND status = 'ACCEPTED'`);
  return rows.map((row) => row.id);
}
