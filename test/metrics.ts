// Reading Prometheus exposition text in the /metrics tests.

/** One sample's value (`name` with its labels as written, e.g. `x{event="a"}`); 0 when absent. */
export function metricSample(text: string, name: string): number {
  const line = text.split("\n").find((row) => row.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}
