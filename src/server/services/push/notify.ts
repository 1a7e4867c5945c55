// The push job (`push.send`): a new message, a read that closes notifications, a friend event.
import { query, raw, sql } from "~/server/db/sql";
import { liveUserSql } from "../core/person";
import { deliverAll, type Device } from "./deliver";
import { deviceColumns, devicesWorthPushing, liveSessionJoin, unreadSql } from "./devices";
import { friendPush, messagePush, type PushLocale } from "./payloads";

interface MessageRow {
  id: string;
  chatId: string;
  seq: number;
  content: string;
  senderId: string | null;
  senderName: string | null;
  groupTitle: string | null;
  files: number;
}

interface RecipientDevice extends Device {
  locale: PushLocale;
  pushPreview: boolean;
  unread: number;
}

/** Pushes a new message to the other members' devices: not muted, not read yet, live accounts, where it helps. */
export async function pushMessage(messageId: string): Promise<void> {
  const [message] = await query<MessageRow>(sql`
    SELECT m.id, m.chat_id AS "chatId", m.seq, m.content, m.sender_id AS "senderId",
      CASE WHEN ${liveUserSql("s")} THEN s.display_name END AS "senderName",
      CASE WHEN c.type = 'GROUP' THEN COALESCE(c.title, '') END AS "groupTitle",
      (SELECT count(*)::int FROM attachments a WHERE a.message_id = m.id) AS files
    FROM messages m JOIN chats c ON c.id = m.chat_id LEFT JOIN users s ON s.id = m.sender_id
    WHERE m.id = ${messageId}::uuid AND m.kind = 'TEXT' AND m.deleted_at IS NULL`);
  if (!message) return;
  const recipients = await query<RecipientDevice>(sql`
    SELECT ${deviceColumns}, u.locale, u.push_preview AS "pushPreview", ${unreadSql(raw("u.id"))} AS unread
    FROM chat_members cm JOIN users u ON u.id = cm.user_id
    JOIN push_subscriptions ps ON ps.user_id = u.id ${liveSessionJoin}
    WHERE cm.chat_id = ${message.chatId}::uuid AND cm.user_id <> ${message.senderId}::uuid AND ${liveUserSql("u")}
      AND (cm.muted_until IS NULL OR cm.muted_until <= now()) AND cm.last_read_seq < ${message.seq}
      AND NOT EXISTS (SELECT 1 FROM push_deliveries d WHERE d.subscription_id = ps.id AND d.key = ${message.id})`);
  const devices = await devicesWorthPushing(recipients, message.chatId);
  const facts = { ...message, messageId: message.id };
  await deliverAll(
    "message",
    devices.map((device) => ({
      device,
      payload: messagePush(facts, device.locale, device.pushPreview, device.unread),
      options: { urgency: "high" },
      marker: { key: message.id, chatId: message.chatId, seq: message.seq },
    })),
  );
}

/** After a read up to `upToSeq`: a silent push that closes the chat's notifications on the devices that were sent one. */
export async function pushClose(userId: string, chatId: string, upToSeq: number): Promise<void> {
  const devices = await query<Device & { unread: number }>(sql`
    SELECT DISTINCT ${deviceColumns}, ${unreadSql(sql`${userId}::uuid`)} AS unread
    FROM push_deliveries d JOIN push_subscriptions ps ON ps.id = d.subscription_id ${liveSessionJoin}
    WHERE ps.user_id = ${userId}::uuid AND d.chat_id = ${chatId}::uuid AND d.seq <= ${upToSeq}`);
  // A topic: a newer close for this chat replaces one still waiting at the push service.
  const topic = chatId.replaceAll("-", "");
  await deliverAll(
    "close",
    devices.map((device) => ({ device, payload: { type: "close", chatId, upToSeq, unread: device.unread }, options: { urgency: "normal", topic } })),
  );
  await query(sql`
    DELETE FROM push_deliveries d USING push_subscriptions ps
    WHERE ps.id = d.subscription_id AND ps.user_id = ${userId}::uuid AND d.chat_id = ${chatId}::uuid AND d.seq <= ${upToSeq}`);
}

/** A friend request received, or accepted: to `toUserId`'s devices not in the foreground. */
export async function pushFriendEvent(event: "request" | "accepted", toUserId: string, fromUserId: string, pushId: string): Promise<void> {
  const [from] = await query<{ displayName: string }>(sql`SELECT display_name AS "displayName" FROM users u WHERE u.id = ${fromUserId}::uuid AND ${liveUserSql("u")}`);
  if (!from) return;
  const recipients = await query<RecipientDevice>(sql`
    SELECT ${deviceColumns}, u.locale, u.push_preview AS "pushPreview", ${unreadSql(raw("u.id"))} AS unread
    FROM users u JOIN push_subscriptions ps ON ps.user_id = u.id ${liveSessionJoin}
    WHERE u.id = ${toUserId}::uuid AND ${liveUserSql("u")}`);
  const devices = await devicesWorthPushing(recipients, null);
  await deliverAll(
    "friend",
    devices.map((device) => ({
      device,
      payload: friendPush(event, from.displayName, fromUserId, device.locale, device.unread, pushId),
      options: { urgency: "normal" },
      marker: { key: `friend:${pushId}` },
    })),
  );
}
