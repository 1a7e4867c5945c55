// Load generator (its own process, pinned away from the servers): holds many Socket.IO client
// sockets (websocket transport only) and drives sends over HTTP keep-alive, open-loop at a set rate
// or closed-loop at a set concurrency. Every message carries a fresh client id; each expected
// (message, socket) delivery is checked off, so lost and duplicated deliveries are counted exactly.
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import { serveIpc } from "./lib/ipc";
import { summarize } from "./lib/stats";

interface UserToken {
  userId: string;
  token: string;
}

interface Conn {
  index: number;
  userId: string;
  socket: Socket;
  tag: string;
}

const conns = new Map<number, Conn>();
const byUser = new Map<string, Conn[]>();
let nextIndex = 0;

interface Pending {
  t0: number;
  senderId: string;
  expected: number;
  seen: Set<number>;
  /** False during warm-up: delivered and checked, but not in the latency figures. */
  measure: boolean;
}
let run: { pending: Map<string, Pending>; latencies: number[]; dups: number; stray: number; outOfOrder: number; lastSeq: Map<string, number> } | null = null;
let strayOutsideRuns = 0;

function onMessage(conn: Conn, message: { clientId: string | null; chatId: string; seq: number }) {
  const now = performance.now();
  if (!run) return void strayOutsideRuns++;
  const key = `${conn.index}:${message.chatId}`;
  const last = run.lastSeq.get(key) ?? 0;
  if (message.seq <= last) run.outOfOrder++;
  else run.lastSeq.set(key, message.seq);
  const entry = message.clientId ? run.pending.get(message.clientId) : undefined;
  if (!entry) return void run.stray++;
  if (entry.seen.has(conn.index)) return void run.dups++;
  entry.seen.add(conn.index);
  if (entry.measure && conn.userId !== entry.senderId) run.latencies.push(now - entry.t0);
}

async function connect({ url, users, mode, tag, concurrency = 100, timeoutMs = 120_000 }: { url: string; users: UserToken[]; mode: "ours" | "bare"; tag: string; concurrency?: number; timeoutMs?: number }) {
  const t0 = performance.now();
  const deadline = Date.now() + timeoutMs;
  let connected = 0;
  let failed = 0;
  const errors: string[] = [];
  let cursor = 0;
  const one = (user: UserToken) =>
    new Promise<void>((resolve) => {
      const socket = io(url, {
        auth: mode === "ours" ? { token: user.token, protocol: 1 } : { userId: user.userId },
        transports: ["websocket"],
        reconnection: false,
        forceNew: true,
        timeout: 30_000,
      });
      const conn: Conn = { index: nextIndex++, userId: user.userId, socket, tag };
      socket.on("message:new", (message: Parameters<typeof onMessage>[1]) => onMessage(conn, message));
      socket.once("connect", () => {
        conns.set(conn.index, conn);
        const list = byUser.get(user.userId) ?? [];
        list.push(conn);
        byUser.set(user.userId, list);
        connected++;
        resolve();
      });
      socket.once("connect_error", (error) => {
        failed++;
        if (errors.length < 5) errors.push(`${error.message} ${JSON.stringify((error as { data?: unknown }).data ?? "")}`);
        socket.close();
        resolve();
      });
    });
  const worker = async () => {
    while (cursor < users.length && Date.now() < deadline) await one(users[cursor++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, users.length) }, worker));
  return { connected, failed, errors, seconds: (performance.now() - t0) / 1000 };
}

function close({ tag, keepUserIds }: { tag?: string; keepUserIds?: string[] }) {
  const keep = new Set(keepUserIds ?? []);
  let closed = 0;
  for (const conn of [...conns.values()]) {
    if (tag && conn.tag !== tag) continue;
    if (keep.has(conn.userId)) continue;
    conn.socket.close();
    conns.delete(conn.index);
    const list = byUser.get(conn.userId)?.filter((other) => other !== conn) ?? [];
    if (list.length) byUser.set(conn.userId, list);
    else byUser.delete(conn.userId);
    closed++;
  }
  return { closed, open: conns.size };
}

interface Target {
  chatId: string;
  sender: UserToken;
  /** Users whose sockets (here) must each get the message once, the sender's own included. */
  members: string[];
}

interface LoadArgs {
  serverUrl: string;
  targets: Target[];
  durationMs: number;
  /** Open loop: messages per second. Closed loop: `concurrency` sends in flight all the time. */
  rate?: number;
  concurrency?: number;
  maxInFlight?: number;
  drainMs?: number;
  warmupMs?: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function post(serverUrl: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const url = new URL("/send", serverUrl);
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

async function load(args: LoadArgs) {
  const { serverUrl, targets, durationMs, maxInFlight = 2_000, drainMs = 5_000, warmupMs = 0 } = args;
  const state = { pending: new Map<string, Pending>(), latencies: [] as number[], dups: 0, stray: 0, outOfOrder: 0, lastSeq: new Map<string, number>() };
  run = state;
  const sendTimes: number[] = [];
  const failures = new Map<number, number>();
  let inFlight = 0;
  let issued = 0;
  let okSends = 0;
  let skipped = 0;
  let rr = 0;
  const warmupEnd = performance.now() + warmupMs;

  const sendOne = async () => {
    const target = targets[rr++ % targets.length]!;
    const clientId = randomUUID();
    const expected = target.members.reduce((sum, id) => sum + (byUser.get(id)?.length ?? 0), 0);
    const t0 = performance.now();
    const entry: Pending = { t0, senderId: target.sender.userId, expected, seen: new Set(), measure: t0 >= warmupEnd };
    state.pending.set(clientId, entry);
    inFlight++;
    issued++;
    const status = await post(serverUrl, JSON.stringify({ token: target.sender.token, userId: target.sender.userId, chatId: target.chatId, clientId, content: `bench ${issued}` }));
    inFlight--;
    if (status === 200) {
      okSends++;
      if (t0 >= warmupEnd) sendTimes.push(performance.now() - t0);
    } else {
      failures.set(status, (failures.get(status) ?? 0) + 1);
      state.pending.delete(clientId);
    }
  };

  const start = performance.now();
  const end = start + durationMs;
  if (args.concurrency) {
    const worker = async () => {
      while (performance.now() < end) await sendOne();
    };
    await Promise.all(Array.from({ length: args.concurrency }, worker));
  } else {
    const rate = args.rate ?? 100;
    const total = Math.round((rate * durationMs) / 1000);
    let scheduled = 0;
    const inflight = new Set<Promise<void>>();
    while (scheduled < total && performance.now() < end + 1_000) {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
      while (scheduled < due) {
        scheduled++;
        if (inFlight >= maxInFlight) {
          skipped++;
          continue;
        }
        const promise = sendOne();
        inflight.add(promise);
        void promise.finally(() => inflight.delete(promise));
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    // Wait for the last answers (each bounded by its 30 s request timeout).
    while (inflight.size) await Promise.race(inflight);
  }
  const sendSeconds = (performance.now() - start) / 1000;

  // Drain: until every expected delivery arrived, or drainMs passed.
  const drainStart = performance.now();
  const missing = () => {
    let count = 0;
    for (const entry of state.pending.values()) count += entry.expected - entry.seen.size;
    return count;
  };
  while (missing() > 0 && performance.now() - drainStart < drainMs) await new Promise((resolve) => setTimeout(resolve, 20));
  // A short grace for duplicates to show up.
  await new Promise((resolve) => setTimeout(resolve, 200));
  run = null;

  let expected = 0;
  let delivered = 0;
  for (const entry of state.pending.values()) {
    expected += entry.expected;
    delivered += entry.seen.size;
  }
  return {
    issued,
    okSends,
    failedSends: Object.fromEntries(failures),
    skipped,
    sendSeconds,
    sendRate: okSends / sendSeconds,
    expected,
    delivered,
    lost: expected - delivered,
    duplicated: state.dups,
    stray: state.stray,
    outOfOrder: state.outOfOrder,
    deliveryRate: delivered / sendSeconds,
    latency: summarize(state.latencies),
    send: summarize(sendTimes),
    drainSeconds: (performance.now() - drainStart) / 1000,
  };
}

serveIpc({
  connect,
  close,
  load,
  count: () => ({ open: conns.size, strayOutsideRuns }),
});
