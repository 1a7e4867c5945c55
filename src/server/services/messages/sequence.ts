// The per-chat sequence: every message takes the chat's next `last_seq`, so sequences are gap-free
// and ordered by commit.
import { empty, sql, type Sql } from "~/server/db/sql";

/** SQL: bumps the chat's `last_seq` and returns it (`RETURNING last_seq`); `guard` adds conditions
 * to the WHERE. The UPDATE row-locks the chat: concurrent senders to one chat queue here, others
 * don't wait. */
export function bumpChatSeq(chatId: string, guard: Sql = empty): Sql {
  return sql`UPDATE chats SET last_seq = last_seq + 1, last_message_at = now(), updated_at = now()
    WHERE id = ${chatId}::uuid ${guard}
    RETURNING last_seq`;
}
