// Preloaded into sidecar processes (node --import ./bench/lib/probe.mjs realtime/index.ts): answers
// the orchestrator's "cpu" and "mem" (after GC) over IPC without changing the sidecar itself, and
// stops the sidecar (SIGTERM, its own graceful path) when the orchestrator goes away.
if (process.send) {
  process.on("message", (message) => {
    if (!message || typeof message.id !== "number") return;
    let result;
    if (message.cmd === "cpu") result = process.cpuUsage();
    else if (message.cmd === "mem") {
      for (let i = 0; i < 3; i++) globalThis.gc?.();
      result = process.memoryUsage();
    } else return void process.send({ id: message.id, ok: false, error: `unknown command ${message.cmd}` });
    process.send({ id: message.id, ok: true, result });
  });
  process.on("disconnect", () => {
    process.kill(process.pid, "SIGTERM");
    setTimeout(() => process.exit(1), 3000).unref();
  });
}
