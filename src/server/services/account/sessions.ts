// Sessions: a 15-minute access JWT names a session row; an opaque refresh token (rotated on every
// use, 30 days sliding) renews it. Signing out deletes the row, which ends every token at once.
import { env } from "~/env";
import { db, type User } from "~/server/db";
import { userColumns } from "~/server/db/columns";
import { query, sql } from "~/server/db/sql";
import { isLive, liveUserSql } from "../core/person";
import { disconnectSockets } from "~/server/realtime/disconnect";
import { newOpaqueToken, sha256, signAccessToken, verifyAccessToken, ACCESS_TOKEN_TTL_SECONDS, type SessionTokens } from "~/server/auth/tokens";

const REFRESH_TTL_SECONDS = 30 * 24 * 60 * 60;
/** A replaced refresh token still works this long: parallel requests from one tab race to rotate. */
const ROTATION_GRACE_MS = 60_000;

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface AuthState {
  user: User;
  sessionId: string;
}

const inFuture = (seconds: number) => new Date(Date.now() + seconds * 1000);

async function accessFor(userId: string, sessionId: string) {
  return signAccessToken(env.AUTH_SECRET, { userId, sessionId });
}

/** Starts a session for a user who just proved who they are. */
export async function createSession(userId: string, meta: RequestMeta): Promise<SessionTokens & { sessionId: string }> {
  const refreshToken = newOpaqueToken();
  const session = await db.session.create({
    data: {
      userId,
      refreshHash: sha256(refreshToken),
      expiresAt: inFuture(REFRESH_TTL_SECONDS),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
    },
  });
  await db.user.update({ where: { id: userId }, data: { lastSeenAt: new Date() } });
  return {
    sessionId: session.id,
    accessToken: await accessFor(userId, session.id),
    refreshToken,
    accessMaxAge: ACCESS_TOKEN_TTL_SECONDS,
    refreshMaxAge: REFRESH_TTL_SECONDS,
  };
}

/** The live session an access token names, or null when it expired, was signed out or is forged. */
export async function resolveAccessToken(token: string): Promise<AuthState | null> {
  const verified = await verifyAccessToken(env.AUTH_SECRET, token);
  if (!verified.ok) return null;
  return loadSession(verified.claims.sessionId, verified.claims.userId);
}

/** The session's user, if the session is still valid for that user (not deleted, not banned). Every request and socket
 * handshake runs it: one indexed statement in plain SQL. */
export async function loadSession(sessionId: string, userId: string): Promise<AuthState | null> {
  const rows = await query<User>(sql`
    SELECT ${userColumns("u")} FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ${sessionId}::uuid AND s.user_id = ${userId}::uuid AND s.expires_at > now()
      AND ${liveUserSql("u")}`, "load-session");
  const user = rows[0];
  return user ? { user, sessionId } : null;
}

/** Exchanges a refresh token for new tokens; a stolen, replayed token ends the session. */
export async function refreshSession(refreshToken: string, meta: RequestMeta): Promise<(AuthState & { tokens: SessionTokens }) | null> {
  const hash = sha256(refreshToken);
  const now = new Date();
  const current = await db.session.findUnique({ where: { refreshHash: hash }, include: { user: true } });

  if (current) {
    if (current.expiresAt <= now || !isLive(current.user)) return null;
    const nextToken = newOpaqueToken();
    // Only one of several concurrent refreshes wins the rotation; the others fall into the grace path.
    const rotated = await db.session.updateMany({
      where: { id: current.id, refreshHash: hash },
      data: {
        refreshHash: sha256(nextToken),
        prevRefreshHash: hash,
        rotatedAt: now,
        expiresAt: inFuture(REFRESH_TTL_SECONDS),
        lastUsedAt: now,
        ip: meta.ip ?? current.ip,
      },
    });
    if (rotated.count === 1) {
      await db.user.update({ where: { id: current.userId }, data: { lastSeenAt: now } });
      return {
        user: current.user,
        sessionId: current.id,
        tokens: {
          accessToken: await accessFor(current.userId, current.id),
          refreshToken: nextToken,
          accessMaxAge: ACCESS_TOKEN_TTL_SECONDS,
          refreshMaxAge: REFRESH_TTL_SECONDS,
        },
      };
    }
  }

  const previous = await db.session.findUnique({ where: { prevRefreshHash: hash }, include: { user: true } });
  if (!previous || previous.expiresAt <= now || !isLive(previous.user)) return null;
  if (now.getTime() - previous.rotatedAt.getTime() > ROTATION_GRACE_MS) {
    // An old refresh token came back long after rotation: someone else holds a copy.
    await revokeSession(previous.id);
    return null;
  }
  return {
    user: previous.user,
    sessionId: previous.id,
    tokens: {
      accessToken: await accessFor(previous.userId, previous.id),
      accessMaxAge: ACCESS_TOKEN_TTL_SECONDS,
      refreshMaxAge: REFRESH_TTL_SECONDS,
    },
  };
}

/** Ends one session: its row goes and its open sockets are disconnected on every realtime node. */
export async function revokeSession(sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
  await disconnectSockets({ sessionIds: [sessionId] });
}

/** Ends every session of a user, or every one but `except` (a password change keeps the current
 * device): the rows go and their sockets are disconnected everywhere. A ban calls this too. */
export async function endUserSessions(userId: string, options: { except?: string } = {}): Promise<void> {
  if (!options.except) {
    await db.session.deleteMany({ where: { userId } });
    return disconnectSockets({ userIds: [userId] });
  }
  const ended = await query<{ id: string }>(sql`
    DELETE FROM sessions WHERE user_id = ${userId}::uuid AND id <> ${options.except}::uuid RETURNING id`);
  await disconnectSockets({ sessionIds: ended.map((row) => row.id) });
}
