// Limits the browser client and the server must agree on.

/** Calls per tRPC HTTP batch: the server refuses bigger batches, the client's batch link never
 * builds one (a batch's calls run in parallel, so an unbounded one could hold the whole pool). */
export const TRPC_MAX_BATCH_SIZE = 10;

/** Messages per message.sendBatch call (the outbox drains in batches of at most this many). */
export const SEND_BATCH_MAX = 50;
