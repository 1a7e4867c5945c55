// Zod schemas for what clients send over the socket: one per ClientToServerEvents event (the map's
// type makes a missing or mistyped one a compile error). The sidecar parses every payload with them.
import { z } from "zod";
import type { ClientEventName, ClientEventPayload } from "../realtime/events";
import { ZId, ZReceiptInput, ZTypingInput } from "./chat";

/** Presence is answered for at most this many people per query; a longer list is cut, not refused
 * (a friends page may name more). */
export const PRESENCE_QUERY_MAX = 200;

export const ZPresenceQueryInput = z.object({
  userIds: z.array(ZId).transform((ids) => ids.slice(0, PRESENCE_QUERY_MAX)),
});

const ZViewStateInput = z.object({ chatId: ZId.nullable(), visible: z.boolean() });

export const CLIENT_EVENT_SCHEMAS = {
  "typing:start": ZTypingInput,
  "typing:stop": ZTypingInput,
  "message:delivered": ZReceiptInput,
  "presence:query": ZPresenceQueryInput,
  "view:state": ZViewStateInput,
} as const satisfies { [E in ClientEventName]: z.ZodType<ClientEventPayload<E>> };

/** A client event's payload once its schema accepted it. */
export type ParsedClientPayload<E extends ClientEventName> = z.output<(typeof CLIENT_EVENT_SCHEMAS)[E]>;
