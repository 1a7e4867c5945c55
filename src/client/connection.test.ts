import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { installBrowserShims } from "../../test/browser-shims";
import { PROTOCOL_VERSION } from "~/shared/realtime/events";
import { connectRealtime, sessionGone, sidecarRotation, type ConnectionOptions, type TokenGrant } from "./connection";

/** The socket.io-client socket connectRealtime builds, driven by the test. */
const io = vi.hoisted(() => {
  type Handler = (...args: unknown[]) => void;
  class FakeIoSocket {
    handlers = new Map<string, Handler>();
    managerHandlers = new Map<string, Handler>();
    connected = false;
    active = false;
    disconnected = 0;
    connects = 0;
    io = { uri: "", on: (event: string, handler: Handler) => this.managerHandlers.set(event, handler) };
    constructor(
      public url: string,
      public options: { auth: (callback: (data: unknown) => void) => void },
    ) {
      this.io.uri = url;
    }
    on(event: string, handler: Handler) {
      this.handlers.set(event, handler);
      return this;
    }
    fire(event: string, ...args: unknown[]) {
      this.handlers.get(event)?.(...args);
    }
    disconnect() {
      this.disconnected++;
    }
    connect() {
      this.connects++;
    }
    close() {}
    /** What the next handshake would send as auth. */
    handshake(): Promise<unknown> {
      return new Promise((resolve) => this.options.auth(resolve));
    }
  }
  const sockets: FakeIoSocket[] = [];
  return { sockets, FakeIoSocket };
});
vi.mock("socket.io-client", () => ({
  io: (url: string, options: never) => {
    const socket = new io.FakeIoSocket(url, options);
    io.sockets.push(socket);
    return socket;
  },
}));

const grant = (token: string, extra: Partial<TokenGrant> = {}): TokenGrant => ({ token, url: "http://a", protocol: PROTOCOL_VERSION, ...extra });

function options(overrides: Partial<ConnectionOptions> = {}) {
  const states: string[] = [];
  const calls = { connect: 0, sessionEnded: 0, outdated: 0 };
  let tokens = 0;
  const value: ConnectionOptions = {
    getToken: () => Promise.resolve(grant(`t${++tokens}`)),
    onState: (state) => states.push(state),
    onConnect: () => calls.connect++,
    onSessionEnded: () => calls.sessionEnded++,
    onOutdated: () => calls.outdated++,
    ...overrides,
  };
  return { value, states, calls };
}

beforeEach(() => {
  installBrowserShims();
  io.sockets.length = 0;
  (globalThis as unknown as { navigator: { onLine: boolean } }).navigator.onLine = true;
});
afterEach(() => {
  vi.useRealTimers();
});

describe("sidecarRotation", () => {
  it("starts at a random sidecar and goes round the list", () => {
    const rotation = sidecarRotation(["http://a", "http://b", "http://c"], () => 0.5);
    expect(rotation.current()).toBe("http://b");
    expect([rotation.next(), rotation.next(), rotation.next()]).toEqual(["http://c", "http://a", "http://b"]);
  });

  it("stays on a single URL (a load balancer)", () => {
    const rotation = sidecarRotation(["http://lb"]);
    expect([rotation.current(), rotation.next(), rotation.next()]).toEqual(["http://lb", "http://lb", "http://lb"]);
  });
});

describe("sessionGone", () => {
  it("is true for an unauthorized or banned answer only", () => {
    expect(sessionGone({ data: { code: "UNAUTHORIZED" } })).toBe(true);
    expect(sessionGone({ data: { code: "FORBIDDEN", appCode: "ACCOUNT_BANNED" } })).toBe(true);
    expect(sessionGone({ data: { code: "INTERNAL_SERVER_ERROR" } })).toBe(false);
    expect(sessionGone(new TypeError("fetch failed"))).toBe(false);
    expect(sessionGone(null)).toBe(false);
  });
});

describe("connectRealtime", () => {
  it("uses the first token for the first handshake and a fresh one for every later attempt", async () => {
    const { value } = options();
    await connectRealtime(value);
    const socket = io.sockets[0]!;
    expect(socket.url).toBe("http://a");
    expect(await socket.handshake()).toEqual({ token: "t1", protocol: PROTOCOL_VERSION });
    expect(await socket.handshake()).toEqual({ token: "t2", protocol: PROTOCOL_VERSION });
  });

  it("reports connecting, then online with a catch-up on every connect", async () => {
    const { value, states, calls } = options();
    await connectRealtime(value);
    const socket = io.sockets[0]!;
    socket.fire("connect");
    socket.fire("disconnect", "transport close");
    socket.fire("connect");
    expect(states).toEqual(["connecting", "online", "connecting", "online"]);
    expect(calls.connect).toBe(2);
  });

  it("stops and signs out when the token request says the session is gone", async () => {
    let first = true;
    const { value, calls } = options({
      getToken: () => {
        if (first) return (first = false), Promise.resolve(grant("t1"));
        return Promise.reject(Object.assign(new Error("unauthorized"), { data: { code: "UNAUTHORIZED" } }));
      },
    });
    await connectRealtime(value);
    const socket = io.sockets[0]!;
    await socket.handshake();
    socket.options.auth(() => undefined);
    await vi.waitFor(() => expect(calls.sessionEnded).toBe(1));
    expect(socket.disconnected).toBe(1);
  });

  it("acts on the server's refusals: session ended, outdated protocol, or retry with back-off", async () => {
    vi.useFakeTimers();
    const { value, calls, states } = options();
    await connectRealtime(value);
    const socket = io.sockets[0]!;
    socket.fire("connect_error", Object.assign(new Error("refused"), { data: { code: "SESSION_ENDED" } }));
    socket.fire("connect_error", Object.assign(new Error("refused"), { data: { code: "PROTOCOL_MISMATCH" } }));
    expect([calls.sessionEnded, calls.outdated]).toEqual([1, 1]);
    socket.fire("connect_error", Object.assign(new Error("refused"), { data: { code: "TOKEN_EXPIRED" } }));
    expect(states.at(-1)).toBe("connecting");
    await vi.advanceTimersByTimeAsync(999);
    expect(socket.connects).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.connects).toBe(1);
  });

  it("asks for a reload when the first token speaks another protocol", async () => {
    const { value, calls } = options({ getToken: () => Promise.resolve(grant("t1", { protocol: PROTOCOL_VERSION + 1 })) });
    await connectRealtime(value);
    expect(calls.outdated).toBe(1);
  });

  it("moves to the next sidecar of the list on every reconnect attempt", async () => {
    const { value } = options({ getToken: () => Promise.resolve(grant("t", { urls: ["http://a", "http://b"] })) });
    await connectRealtime(value);
    const socket = io.sockets[0]!;
    const first = socket.io.uri;
    socket.managerHandlers.get("reconnect_attempt")!();
    const second = socket.io.uri;
    socket.managerHandlers.get("reconnect_attempt")!();
    expect([first, second].sort()).toEqual(["http://a", "http://b"]);
    expect(socket.io.uri).toBe(first);
  });

  it("follows the browser going offline and online", async () => {
    const { value, states } = options();
    await connectRealtime(value);
    const socket = io.sockets[0]!;
    window.dispatchEvent(new Event("offline"));
    expect(states.at(-1)).toBe("offline");
    window.dispatchEvent(new Event("online"));
    expect(states.at(-1)).toBe("connecting");
    expect(socket.connects).toBe(1);
  });
});
