// How the app reads the sidecars' view states: from Redis when configured, else from the one local
// sidecar's signed loopback port. Tests and the sidecar can install their own reader.
import { env } from "~/env";
import { getRedis } from "~/server/redis";
import { log } from "~/server/ops/logger";
import { postSigned } from "./internal-signature";
import { redisViewStateStore, type ViewState } from "./view-states";

export const INTERNAL_VIEW_STATES_PATH = "/internal/view-states";

type ViewStateReader = (userIds: string[]) => Promise<Record<string, ViewState[]>>;

const state = globalThis as unknown as { bmViewStateReader?: ViewStateReader };

/** Replaces the reader (tests: the in-process sidecar's store). */
export function setViewStateReader(reader: ViewStateReader): void {
  state.bmViewStateReader = reader;
}

function environmentReader(): ViewStateReader {
  const redis = env.REDIS_URL ? getRedis() : null;
  if (redis) return (userIds) => redisViewStateStore(redis).of(userIds);
  return async (userIds) => (await postSigned<{ states: Record<string, ViewState[]> }>(env.REALTIME_INTERNAL_URL, env.AUTH_SECRET, INTERNAL_VIEW_STATES_PATH, { userIds })).states;
}

/** What each user's tabs show now. When the states cannot be read, nobody counts as looking (a push too many beats one missed). */
export async function viewStatesOf(userIds: string[]): Promise<Record<string, ViewState[]>> {
  if (userIds.length === 0) return {};
  state.bmViewStateReader ??= environmentReader();
  try {
    return await state.bmViewStateReader(userIds);
  } catch (error) {
    log().warn({ error: error instanceof Error ? error.message : String(error) }, "push: could not read view states");
    return {};
  }
}
