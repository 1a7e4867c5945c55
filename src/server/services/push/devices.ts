// Devices to push to, and the rule for where a push helps (docs/architecture.md, "Web push"):
// - nobody is pushed about a chat they have open in a visible tab on any device;
// - no device is pushed while one of its tabs is visible (the open app shows the message itself).
import { raw, sql, type Sql } from "~/server/db/sql";
import { viewStatesOf } from "~/server/realtime/view-state-reader";
import type { Device } from "./deliver";

/** Subscription columns as `Device`, for a query over `push_subscriptions ps` (with live sessions). */
export const deviceColumns = raw(`ps.id, ps.user_id AS "userId", ps.session_id AS "sessionId", ps.endpoint, ps.p256dh, ps.auth`);
export const liveSessionJoin = raw(`JOIN sessions se ON se.id = ps.session_id AND se.expires_at > now()`);

/** Each user's unread total across their chats, for the app badge. */
export const unreadSql = (userColumn: Sql): Sql => sql`(SELECT COALESCE(SUM(GREATEST(c2.last_seq - m2.last_read_seq, 0)), 0)::int
  FROM chat_members m2 JOIN chats c2 ON c2.id = m2.chat_id WHERE m2.user_id = ${userColumn})`;

/** The devices a push about `chatId` (null: about no chat) should reach. */
export async function devicesWorthPushing<D extends Device>(devices: D[], chatId: string | null): Promise<D[]> {
  const views = await viewStatesOf([...new Set(devices.map((device) => device.userId))]);
  return devices.filter((device) => {
    const states = views[device.userId] ?? [];
    if (chatId && states.some((view) => view.visible && view.chatId === chatId)) return false;
    return !states.some((view) => view.visible && view.sessionId === device.sessionId);
  });
}
