// A publisher that records what would be fanned out, for asserting who is told what, and a socket
// ender that records which rooms would be disconnected. Every integration test file starts with
// both installed (test/setup-integration.ts), so nothing is sent to a sidecar the test did not start.
// Imports nothing that reads ~/env: the setup file installs these before the environment is set.
import { beforeEach } from "vitest";
import { setPublisher, type Publisher } from "~/server/realtime/publisher";
import { setSocketEnder, type SocketEnder } from "~/server/realtime/socket-ender";
import type { PublishedEventName } from "~/shared/realtime/events";
import { userRoom } from "~/shared/realtime/rooms";

export interface Published {
  rooms: string[];
  event: PublishedEventName;
  args: unknown[];
}

export class RecordingPublisher implements Publisher {
  readonly published: Published[] = [];

  toRooms(rooms: string[], event: PublishedEventName, args: unknown[]): Promise<void> {
    this.published.push({ rooms, event, args });
    return Promise.resolve();
  }
}

export class RecordingSocketEnder implements SocketEnder {
  /** The rooms of each disconnect, in order. */
  readonly ended: string[][] = [];

  disconnectRooms(rooms: string[]): Promise<void> {
    this.ended.push(rooms);
    return Promise.resolve();
  }
}

/** Installs a fresh recording publisher; returns what it records. */
export function recordPublished(): Published[] {
  const recorder = new RecordingPublisher();
  setPublisher(recorder);
  return recorder.published;
}

/** Installs a fresh recording socket ender; returns what it records. */
export function recordEndedRooms(): string[][] {
  const recorder = new RecordingSocketEnder();
  setSocketEnder(recorder);
  return recorder.ended;
}

/** Records each test's publications afresh: the returned list holds the running test's. */
export function recordPublishedPerTest(): Published[] {
  const recorder = new RecordingPublisher();
  beforeEach(() => {
    recorder.published.length = 0;
    setPublisher(recorder);
  });
  return recorder.published;
}

/** Events of one kind sent to a user's room. */
export function sentTo(published: Published[], userId: string, event: PublishedEventName) {
  return published.filter((entry) => entry.event === event && entry.rooms.includes(userRoom(userId))).map((entry) => entry.args[0]);
}
