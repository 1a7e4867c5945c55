// A publisher that records what would be fanned out, for asserting who is told what.
import { beforeEach } from "vitest";
import { setPublisher } from "~/server/realtime/publish";
import type { ServerEventName } from "~/shared/realtime/events";

export interface Published {
  rooms: string[];
  event: ServerEventName;
  args: unknown[];
}

/** Sends what is published into `published`. */
function recordInto(published: Published[]): void {
  setPublisher({
    toRooms: (rooms, event, args) => {
      published.push({ rooms, event, args });
      return Promise.resolve();
    },
  });
}

export function recordPublished(): Published[] {
  const published: Published[] = [];
  recordInto(published);
  return published;
}

/** Records each test's publications afresh: the returned list holds the running test's. */
export function recordPublishedPerTest(): Published[] {
  const published: Published[] = [];
  beforeEach(() => {
    published.length = 0;
    recordInto(published);
  });
  return published;
}

/** Events of one kind sent to a user's room. */
export function sentTo(published: Published[], userId: string, event: ServerEventName) {
  return published.filter((entry) => entry.event === event && entry.rooms.includes(`user:${userId}`)).map((entry) => entry.args[0]);
}
