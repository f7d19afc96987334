// What one benchmark run measured, as latest.json holds it: each system's figures, mdmsim's ratios over bare ws and
// its targets, per store and per round. Types only, so the run, its rounds and its report share them.
import type { CHILD_RUNTIME } from './child-process.js';
import type { ScenarioResult } from './scenario.js';
import type { StoreKind } from './stores.js';

/** Each figure of mdmsim over the baseline's; null where the baseline measured zero. */
export interface Ratios {
  connectSeconds: number | null;
  lastDoneSeconds: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  serverRssDeltaPerDevice: number | null;
  agentsRssDeltaPerDevice: number | null;
  serverCpu: number | null;
  agentsCpu: number | null;
  /** The same figures of the second, warm reset (`ScenarioResult.warmReset`). */
  warmLastDoneSeconds: number | null;
  warmP99: number | null;
  warmServerCpu: number | null;
  warmAgentsCpu: number | null;
}

export interface TargetCheck {
  name: string;
  met: boolean;
  detail: string;
}

export interface BenchmarkResult {
  startedAt: string;
  machine: { cpus: number; node: string };
  /**
   * The commit measured (`+changes` with local edits), null outside a git checkout; how the children ran (compiled
   * JavaScript or the TypeScript through tsx); their extra node flags.
   */
  source: { revision: string | null; runtime: typeof CHILD_RUNTIME; childNodeArgs: string[] };
  devices: number;
  supported: number;
  batchSize: number;
  concurrentBatches: number;
  /** Environment the mdmsim server ran with beyond its store (throttling off). */
  serverEnv: Record<string, string>;
  /** Agents processes each side's fleet was split over. */
  agentsProcesses: number;
  /** mdmsim once per store, in the order asked. */
  runs: StoreRun[];
  baseline: ScenarioResult;
  /** The first run (the memory store unless told otherwise), its ratios and targets. */
  mdmsim: ScenarioResult;
  ratios: Ratios;
  targets: TargetCheck[];
  /**
   * Every round, when `--rounds` asked for several (empty for one: its figures are those above); `runs`, `baseline`,
   * `mdmsim`, `ratios` and `targets` are those of round `shownRound` (from 0), the median one (`medianRoundIndex`).
   */
  rounds: RoundResult[];
  shownRound: number;
  /** Each store's ratios over the rounds: medians, ranges, and the rounds that met each target. */
  spread: StoreSpread[];
}

export interface StoreRun {
  store: StoreKind;
  result: ScenarioResult;
  /** mdmsim divided by the baseline (higher is worse for every figure). */
  ratios: Ratios;
  targets: TargetCheck[];
}

/** One round: every system measured once, each store's ratios over this round's own bare baseline. */
export interface RoundResult {
  /** The systems in the order this round measured them (`mdmsim memory`, `bare ws`, ...). */
  order: string[];
  runs: StoreRun[];
  baseline: ScenarioResult;
}

export interface RatioSpread {
  median: number | null;
  min: number | null;
  max: number | null;
}

/** One store's ratios over every round: each figure's median and range, and how many rounds met each target. */
export interface StoreSpread {
  store: StoreKind;
  ratios: Record<keyof Ratios, RatioSpread>;
  targetsMet: Array<{ name: string; rounds: number }>;
}
