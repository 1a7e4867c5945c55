// The bench's app server. BENCH_MODE=ours: what tRPC `message.send` does per request — verify the
// access token and load its session (resolveAccessToken), validate the input, call the real
// sendMessage service (PostgreSQL transaction, then the real publish: Redis emitter or the loopback
// emit to the sidecar). BENCH_MODE=bare: the baseline — no auth, no database; members and sequence
// numbers from memory, then the same publish. It skips Next/tRPC's HTTP layer on purpose: the bench
// measures the send path, not the web framework.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { publishToUsers } from "~/server/realtime/publish";
import type { MessageDto } from "~/shared/realtime/events";
import { serveIpc } from "./lib/ipc";

const mode = process.env.BENCH_MODE === "bare" ? "bare" : "ours";
const port = Number(process.env.BENCH_PORT);

interface SendBody {
  token: string;
  userId: string;
  chatId: string;
  clientId: string;
  content: string;
}

type Sender = (body: SendBody) => Promise<{ status: number; seq?: number; error?: string }>;

async function oursSender(): Promise<Sender> {
  const [{ resolveAccessToken }, { sendMessage }, { ZSendMessageInput }, { AppError }] = await Promise.all([
    import("~/server/services/account/sessions"),
    import("~/server/services/messages/send"),
    import("~/shared/schemas/chat"),
    import("~/shared/errors"),
  ]);
  return async (body) => {
    const auth = await resolveAccessToken(body.token);
    if (!auth) return { status: 401, error: "UNAUTHENTICATED" };
    const input = ZSendMessageInput.safeParse({ chatId: body.chatId, clientId: body.clientId, content: body.content });
    if (!input.success) return { status: 400, error: "BAD_REQUEST" };
    try {
      const { message } = await sendMessage(auth.user.id, input.data);
      return { status: 200, seq: message.seq };
    } catch (error) {
      if (error instanceof AppError) return { status: 409, error: error.code };
      throw error;
    }
  };
}

const bareMembers = new Map<string, string[]>();
const bareSeq = new Map<string, number>();

function bareSender(): Sender {
  return async (body) => {
    const members = bareMembers.get(body.chatId);
    if (!members) return { status: 404, error: "NOT_FOUND" };
    const seq = (bareSeq.get(body.chatId) ?? 0) + 1;
    bareSeq.set(body.chatId, seq);
    const message: MessageDto = {
      id: body.clientId,
      chatId: body.chatId,
      seq,
      senderId: body.userId,
      clientId: body.clientId,
      attachments: [],
      kind: "TEXT",
      content: body.content,
      system: null,
      replyToId: null,
      createdAt: new Date().toISOString(),
      editedAt: null,
      deletedAt: null,
    };
    await publishToUsers(members, "message:new", message);
    return { status: 200, seq };
  };
}

const send: Sender = mode === "ours" ? await oursSender() : bareSender();
let errors = 0;

function answer(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  if (req.url === "/healthz") return answer(res, 200, { ok: true, mode });
  if (req.url !== "/send" || req.method !== "POST") return answer(res, 404, { ok: false });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) return answer(res, 413, { ok: false });
    chunks.push(chunk);
  }
  try {
    const result = await send(JSON.parse(Buffer.concat(chunks).toString("utf8")) as SendBody);
    if (result.status !== 200) errors++;
    answer(res, result.status, result);
  } catch (error) {
    if (errors++ < 5) console.error("send failed:", error);
    answer(res, 500, { status: 500, error: error instanceof Error ? error.message : String(error) });
  }
}

const http = createServer((req, res) => void handle(req, res));
http.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => http.listen(port, "127.0.0.1", resolve));

serveIpc({
  errors: () => errors,
  setMembers: (chats: Record<string, string[]>) => {
    for (const [chatId, ids] of Object.entries(chats)) bareMembers.set(chatId, ids);
    return bareMembers.size;
  },
  /** The real history service, timed in-process: pages of 50 from newest, middle and oldest. */
  history: async ({ userId, chatId, lastSeq, iterations }: { userId: string; chatId: string; lastSeq: number; iterations: number }) => {
    const { readHistory } = await import("~/server/services/messages/history");
    const points = { newest: undefined, middle: Math.floor(lastSeq / 2), oldest: 51 } as Record<string, number | undefined>;
    const out: Record<string, number[]> = {};
    let wrong = 0;
    for (const [name, before] of Object.entries(points)) {
      const times: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const t0 = performance.now();
        const page = await readHistory(userId, { chatId, before, limit: 50 });
        times.push(performance.now() - t0);
        const top = before === undefined ? lastSeq : before - 1;
        if (page.messages.length !== 50 || page.messages[49]!.seq !== top || page.messages[0]!.seq !== top - 49) wrong++;
      }
      out[name] = times;
    }
    return { times: out, wrong };
  },
});
console.log(`bench server (${mode}) on 127.0.0.1:${port}`);
// Exit at once (writing a --cpu-prof profile): the generator's keep-alive connections would hold close().
process.on("SIGTERM", () => process.exit(0));
