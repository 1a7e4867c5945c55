// Summarises a .cpuprofile (node --cpu-prof): the functions with the most self time, and the
// packages / files they belong to. `npx tsx bench/prof-top.ts <file.cpuprofile> [count]`
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
const [file, countArg] = process.argv.slice(2);
if (!file) throw new Error("usage: prof-top <file.cpuprofile> [count]");
const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
const selfTime = new Map<number, number>();
profile.samples.forEach((id, index) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
const total = [...selfTime.values()].reduce((a, b) => a + b, 0);
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const node of profile.nodes) {
  const time = selfTime.get(node.id) ?? 0;
  if (!time) continue;
  const url = node.callFrame.url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
  const key = `${node.callFrame.functionName || "(anonymous)"} ${url}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + time);
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? (url.startsWith("node:") ? "node:internal" : url ? url.split("/").slice(0, 2).join("/") : node.callFrame.functionName);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + time);
}
const show = (title: string, map: Map<string, number>, count: number) => {
  console.log(`\n${title} (of ${(total / 1000).toFixed(0)} ms sampled)`);
  for (const [key, time] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`${((100 * time) / total).toFixed(1).padStart(5)}%  ${key}`);
};
show("self time by package", byPackage, 15);
show("self time by function", byFunction, Number(countArg ?? 25));
