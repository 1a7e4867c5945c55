// How the sidecar listens to a client event: the payload is parsed with the event's shared schema
// (BAD_REQUEST otherwise), the handler's result is the ack, a domain error answers with its code
// and anything else with INTERNAL. A client may leave the ack out; the work is done all the same.
import { AppError } from "~/shared/errors";
import type { ClientEventName, ClientEventResult } from "~/shared/realtime/events";
import { CLIENT_EVENT_SCHEMAS, type ParsedClientPayload } from "~/shared/schemas/client-events";
import type { RealtimeSocket } from "../types";

type Listener = (payload: unknown, ack?: unknown) => Promise<void>;

export function onClientEvent<E extends ClientEventName>(socket: RealtimeSocket, event: E, handle: (payload: ParsedClientPayload<E>) => Promise<ClientEventResult<E>>): void {
  const schema = CLIENT_EVENT_SCHEMAS[event];
  const listener: Listener = async (payload, ack) => {
    const answer = (result: ClientEventResult<E> | { ok: false; code: string }) => {
      if (typeof ack === "function") (ack as (result: unknown) => void)(result);
    };
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return answer({ ok: false, code: "BAD_REQUEST" });
    try {
      answer(await handle(parsed.data as ParsedClientPayload<E>));
    } catch (error) {
      answer({ ok: false, code: error instanceof AppError ? error.code : "INTERNAL" });
    }
  };
  // Socket.IO cannot type a listener for an event name that is still generic; the schema checked it.
  (socket.on as (event: string, listener: Listener) => void).call(socket, event, listener);
}
