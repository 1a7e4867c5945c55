// A tiny request/answer protocol over Node's IPC channel between the orchestrator and its children.
import type { ChildProcess } from "node:child_process";

interface IpcRequest {
  id: number;
  cmd: string;
  args?: unknown;
}
export interface IpcAnswer {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** Each handler declares its own argument type; the orchestrator sends the matching args. */
type Handler = (args: never) => unknown;

/** In a child: answers the orchestrator's commands; exits when the orchestrator goes away. */
export function serveIpc(handlers: Record<string, Handler>, onParentGone: () => void = () => process.exit(0)): void {
  if (!process.send) throw new Error("no IPC channel: start this from bench/run.ts");
  const all: Record<string, Handler> = {
    cpu: () => process.cpuUsage(),
    mem: () => {
      const gc = (globalThis as { gc?: () => void }).gc;
      for (let i = 0; i < 3; i++) gc?.();
      return process.memoryUsage();
    },
    ...handlers,
  };
  const answer = async (message: IpcRequest) => {
    const handler = all[message.cmd];
    try {
      if (!handler) throw new Error(`unknown command ${message.cmd}`);
      const result: unknown = await handler(message.args as never);
      process.send!({ id: message.id, ok: true, result } satisfies IpcAnswer);
    } catch (error) {
      process.send!({ id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies IpcAnswer);
    }
  };
  process.on("message", (message: IpcRequest) => void answer(message));
  process.on("disconnect", onParentGone);
}

/** In the orchestrator: calls a command in a child, with a deadline. */
export function ipcClient(child: ChildProcess, name: string) {
  let next = 1;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  child.on("message", (message: IpcAnswer) => {
    const entry = waiting.get(message.id);
    if (!entry) return;
    waiting.delete(message.id);
    clearTimeout(entry.timer);
    if (message.ok) entry.resolve(message.result);
    else entry.reject(new Error(`${name}: ${message.error}`));
  });
  child.on("exit", (code, signal) => {
    for (const entry of waiting.values()) {
      clearTimeout(entry.timer);
      entry.reject(new Error(`${name} exited (${code ?? signal}) during a command`));
    }
    waiting.clear();
  });
  return function call<T = unknown>(cmd: string, args?: unknown, timeoutMs = 60_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (!child.connected) return reject(new Error(`${name}: not running (${cmd})`));
      const id = next++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`${name}: ${cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      child.send({ id, cmd, args } satisfies IpcRequest, (error) => {
        if (!error) return;
        clearTimeout(timer);
        waiting.delete(id);
        reject(new Error(`${name}: ${error.message} (${cmd})`));
      });
    });
  };
}
