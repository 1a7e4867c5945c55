// The per-chat sequence: every message takes the chat's next `last_seq`, so sequences are gap-free
// and ordered by commit.
import { empty, sql, type Sql } from "~/server/db/sql";

/** SQL: bumps the chat's `last_seq` and its change-log `last_version` (a new message is a change
 * too) and returns both (`RETURNING last_seq, last_version`); `guard` adds conditions to the WHERE. The UPDATE row-locks the chat: concurrent senders to one chat queue here, others
 * don't wait. */
export function bumpChatSeq(chatId: string, guard: Sql = empty): Sql {
  return sql`UPDATE chats SET last_seq = last_seq + 1, last_version = last_version + 1, last_message_at = now(), updated_at = now()
    WHERE id = ${chatId}::uuid ${guard}
    RETURNING last_seq, last_version`;
}

/** SQL: bumps the chat's change-log `last_version` alone (an edit, a deletion, a hide) and returns it.
 * Row-locks the chat like a send, so versions are handed out in commit order. */
export function bumpChatVersion(chatId: string): Sql {
  return sql`UPDATE chats SET last_version = last_version + 1 WHERE id = ${chatId}::uuid RETURNING last_version`;
}
