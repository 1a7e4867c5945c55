// The markdown summary: our figures next to the bare Socket.IO baseline and the targets.
import type { Results } from "./results";
import type { Summary } from "./stats";


const n = (value: unknown, digits = 1) => (typeof value === "number" && Number.isFinite(value) ? value.toLocaleString("en-US", { maximumFractionDigits: digits }) : "–");
const ratio = (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number" && b > 0 ? (a / b).toFixed(2) : "–");
const lat = (s: Summary | undefined) => (s ? `${n(s.p50)} / ${n(s.p95)} / ${n(s.p99)} / ${n(s.max)}` : "–");
const mark = (ok: boolean | null) => (ok === null ? "" : ok ? "✅" : "❌");

export function renderMarkdown(r: Results): string {
  const o = r.ours;
  const b = r.bare;
  const m = r.machine;
  const rows: string[][] = [];
  const row = (...cells: string[]) => rows.push(cells);

  if (o.idle) {
    row("1. idle sockets, one sidecar", "sockets connected", n(o.idle.connected, 0), n(b.idle?.connected, 0), "", "≥ 20,000 per sidecar", mark(o.idle.connected >= 20_000));
    row("", "heap per socket (KB, after GC)", n(o.idle.heapPerConnKb, 2), n(b.idle?.heapPerConnKb, 2), ratio(o.idle.heapPerConnKb, b.idle?.heapPerConnKb), "≤ 10 KB", mark(o.idle.heapPerConnKb <= 10));
    row("", "RSS per socket (KB)", n(o.idle.rssPerConnKb, 2), n(b.idle?.rssPerConnKb, 2), ratio(o.idle.rssPerConnKb, b.idle?.rssPerConnKb), "", "");
    row("", "connects/s (auth + session check)", n(o.idle.connectPerSecond, 0), n(b.idle?.connectPerSecond, 0), ratio(o.idle.connectPerSecond, b.idle?.connectPerSecond), "", "");
  }
  if (o.direct) {
    const d = o.direct;
    row(
      `2. direct, ${n(d.params.pairs, 0)} pairs @ ${n(d.params.rate, 0)} msg/s, ${n(d.params.connectedClients, 0)} clients`,
      "latency p50 / p95 / p99 / max (ms)",
      lat(d.latency),
      lat(b.direct?.latency),
      ratio(d.latency.p99, b.direct?.latency?.p99),
      "p99 ≤ 50 ms",
      mark(d.latency.p99 <= 50),
    );
    row("", "achieved sends/s · deliveries/s", `${n(d.sendRate, 0)} · ${n(d.deliveryRate, 0)}`, b.direct ? `${n(b.direct.sendRate, 0)} · ${n(b.direct.deliveryRate, 0)}` : "–", ratio(d.deliveryRate, b.direct?.deliveryRate), "", "");
    row("", "lost · duplicated", `${d.lost} · ${d.duplicated}`, b.direct ? `${b.direct.lost} · ${b.direct.duplicated}` : "–", "", "0 · 0", mark(d.lost === 0 && d.duplicated === 0));
  }
  if (o.maxSends) {
    row(
      `6. max persisted sends/s (${n(o.maxSends.params.concurrency, 0)} in flight)`,
      "sends/s (send call p50 / p99 ms)",
      `${n(o.maxSends.sendRate, 0)} (${n(o.maxSends.send.p50)} / ${n(o.maxSends.send.p99)})`,
      b.maxSends ? `${n(b.maxSends.sendRate, 0)} (${n(b.maxSends.send.p50)} / ${n(b.maxSends.send.p99)})` : "–",
      ratio(o.maxSends.sendRate, b.maxSends?.sendRate),
      "≥ 2,000/s",
      mark(o.maxSends.sendRate >= 2_000),
    );
  }
  for (const size of ["10", "100"]) {
    const f = o.fanout?.[size];
    if (!f) continue;
    const fb = b.fanout?.[size];
    const okRatio = fb ? f.deliveriesPerSecond / Math.max(1, fb.deliveriesPerSecond) >= 0.8 : null;
    row(
      `3. fan-out, ${size}-member groups (${f.params.groups})`,
      "deliveries/s with p99 ≤ 100 ms",
      `${n(f.deliveriesPerSecond, 0)}${f.saturated ? "" : " (not saturated)"}`,
      fb ? `${n(fb.deliveriesPerSecond, 0)}${fb.saturated ? "" : " (not saturated)"}` : "–",
      ratio(f.deliveriesPerSecond, fb?.deliveriesPerSecond),
      "≥ 0.8 × bare",
      mark(okRatio),
    );
  }
  if (o.crossNode) {
    const c = o.crossNode;
    row(`4. cross-node, ${n(c.params.pairs, 0)} pairs @ ${n(c.params.rate, 0)} msg/s, A → Redis → B`, "latency p50 / p95 / p99 / max (ms)", lat(c.latency), lat(b.crossNode?.latency), ratio(c.latency.p99, b.crossNode?.latency?.p99), "", "");
    row("", "lost · duplicated", `${c.lost} · ${c.duplicated}`, b.crossNode ? `${b.crossNode.lost} · ${b.crossNode.duplicated}` : "–", "", "0 · 0", mark(c.lost === 0 && c.duplicated === 0));
  }
  if (o.history) {
    for (const [name, page] of Object.entries(o.history.pages)) {
      row(name === "newest" ? `5. history, ${n(o.history.params.rows, 0)}-message chat, pages of 50` : "", `${name} page p50 / p99 (ms)`, `${n(page.p50, 2)} / ${n(page.p99, 2)}`, "n/a", "", "p99 ≤ 20 ms", mark(page.p99 <= 20));
    }
  }

  if (o.upload) {
    const { images, big, params } = o.upload;
    const mb = (bytes: number) => n(bytes / 2 ** 20, 0);
    row(`7. uploads, ${images.files} images of ~1 MB (${mb(params.imageBytes)} MB), ${params.concurrency} uploaders`, "MB/s · files/s", `${n(images.mbPerSecond)} · ${n(images.filesPerSecond)}`, "n/a", "", "", "");
    row("", "per file, slot → thumbnail seen, p50 / p95 / p99 / max (ms)", lat(images.perFile), "n/a", "", "", "");
    for (const [stage, summary] of Object.entries(images.stages)) row("", `${stage} p50 / p95 / p99 / max (ms)`, lat(summary), "n/a", "", "", "");
    row(`7. one ${mb(big.bytes)} MB file, ${big.parts} parts`, "MB/s · seconds", `${n(big.mbPerSecond)} · ${n(big.seconds)}`, "n/a", "", "", "");
    row("", "server RSS before / peak / after (MB)", `${n(big.rssBeforeMb, 0)} / ${n(big.rssPeakMb, 0)} / ${n(big.rssAfterMb, 0)}`, "n/a", "", "flat", "");
  }

  const header = ["scenario", "metric", "ours", "bare Socket.IO", "ours/bare", "target", ""];
  const table = [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");

  const cpuRows: string[] = [];
  const addCpu = (name: string, cpu: Record<string, number> | undefined) => {
    if (cpu) cpuRows.push(`| ${name} | ${Object.entries(cpu).map(([proc, seconds]) => `${proc} ${n(seconds, 2)}`).join(", ")} |`);
  };
  for (const [side, res] of [["ours", o], ["bare", b]] as const) {
    addCpu(`${side} direct`, res.direct?.cpu);
    addCpu(`${side} max sends`, res.maxSends?.cpu);
    addCpu(`${side} cross-node`, res.crossNode?.cpu);
  }

  return [
    `### Benchmark, ${r.date.slice(0, 16).replace("T", " ")} UTC — \`${r.command}\``,
    "",
    `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB · Node ${m.node} · socket.io ${m.socketIo} · pg ${m.pg} · Redis ${m.redis} · ` +
      `${m.pinned ? "servers on core 0, generator on core 1" : "not pinned"} · load average at start ${m.loadAverage.join(" ")} · run ${n(r.totalSeconds)} s`,
    "",
    table,
    "",
    cpuRows.length ? ["CPU seconds per process during the scenario:", "", "| scenario | CPU s |", "| --- | --- |", ...cpuRows, ""].join("\n") : "",
    r.skipped.length ? `Skipped: ${r.skipped.join("; ")}.\n` : "",
    r.problems.length ? `**Problems:** ${r.problems.join("; ")}\n` : "No message lost or duplicated; no harness errors.\n",
  ].join("\n");
}
