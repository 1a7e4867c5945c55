// The shape of one benchmark run's figures, shared by the orchestrator (bench/run.ts) and the
// markdown report.
import type { Summary } from "./stats";
import type { UploadPhase } from "../upload";

type Cpu = Record<string, number>;
type Params = Record<string, unknown>;

/** What a generator reports after a load phase. */
export interface LoadResult {
  issued: number;
  okSends: number;
  failedSends: Record<string, number>;
  skipped: number;
  sendSeconds: number;
  sendRate: number;
  expected: number;
  delivered: number;
  lost: number;
  duplicated: number;
  stray: number;
  outOfOrder: number;
  deliveryRate: number;
  latency: Summary;
  send: Summary;
  drainSeconds: number;
}

type LoadPhase = LoadResult & { params: Params; cpu: Cpu };

interface IdlePhase {
  params: Params;
  connected: number;
  connectPerSecond: number;
  heapPerConnKb: number;
  rssPerConnKb: number;
  externalPerConnKb: number;
  baselineHeapMb: number;
  heapMb: number;
  rssMb: number;
  cpu: Cpu;
}

interface FanoutPhase {
  params: Params & { groups: number };
  steps: unknown[];
  deliveriesPerSecond: number;
  p99AtBest: number | null;
  saturated: boolean;
}

interface HistoryPhase {
  params: Params & { rows: number };
  pages: Record<string, Summary>;
  cpu: Cpu;
}

/** One stack's figures (ours or the bare baseline); a scenario that did not run is absent. */
interface StackResults {
  idle?: IdlePhase;
  direct?: LoadPhase;
  maxSends?: LoadPhase;
  fanout?: Record<string, FanoutPhase>;
  crossNode?: LoadPhase;
  history?: HistoryPhase;
  upload?: UploadPhase;
}

interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  socketIo: string;
  pg: string;
  redis: string;
  pinned: boolean;
  loadAverage: number[];
}

export interface Results {
  date: string;
  command: string;
  machine: Machine;
  config: object;
  ours: StackResults;
  bare: StackResults;
  skipped: string[];
  problems: string[];
  totalSeconds?: number;
}
