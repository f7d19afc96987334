// Drives one system under test over HTTP: waits for its fleet to connect, then fires the fleet-wide reset in batches.

import { sleep } from './child-process.js';
import { watchCompletions } from './completion-stream.js';
import { histogram, type LatencyHistogram, type LatencySummary, summarize } from './stats.js';

const BATCH_TIMEOUT_MS = 30_000;

export interface Target {
  baseUrl: string;
  /** Sends one batch of at most 20 device ids; resolves with how many were refused. */
  sendBatch(deviceIds: readonly string[]): Promise<number>;
  eventsPath: string;
  eventsHeaders: Record<string, string>;
  /**
   * Puts every device back to its starting state, so that a second reset does the same work as the first (mdmsim: the
   * simulator's reset); absent where the devices keep no state (the bare clients).
   */
  restartDevices?(): Promise<void>;
}

export interface Health {
  devices: number;
  connected: number;
}

export async function readHealth(baseUrl: string): Promise<Health | null> {
  try {
    const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return null;
    const body = (await response.json()) as Partial<Health>;
    return { devices: Number(body.devices ?? 0), connected: Number(body.connected ?? 0) };
  } catch {
    return null;
  }
}

/** Polls /health until it answers; throws at the deadline. */
export async function waitForHealth(baseUrl: string, deadline: number, alive: () => boolean): Promise<void> {
  while (performance.now() < deadline) {
    if (!alive()) throw new Error('the process exited before it answered /health');
    if (await readHealth(baseUrl)) return;
    await sleep(100);
  }
  throw new Error(`${baseUrl}/health did not answer in time`);
}

/** Polls /health until `expected` devices are connected; returns the seconds it took from `since`. */
export async function waitForConnected(
  baseUrl: string,
  expected: number,
  since: number,
  deadline: number,
  alive: () => boolean,
  progress: (connected: number) => void,
): Promise<{ seconds: number; connected: number }> {
  let connected = 0;
  let lastReport = 0;
  while (performance.now() < deadline) {
    if (!alive()) throw new Error('a process exited while the fleet was connecting');
    connected = (await readHealth(baseUrl))?.connected ?? connected;
    if (connected >= expected) return { seconds: (performance.now() - since) / 1000, connected };
    if (performance.now() - lastReport >= 1_000) {
      lastReport = performance.now();
      progress(connected);
    }
    await sleep(50);
  }
  return { seconds: (performance.now() - since) / 1000, connected };
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return Math.round((used.user + used.system) / 10_000) / 100;
}

export interface ResetResult {
  requested: number;
  /** Actions that reached `done`. */
  done: number;
  /** Actions that ended in another final state. */
  failed: number;
  /** Requests the server refused (batch or inner request errors). */
  refused: number;
  /** Seconds from the first request to the last action done. */
  lastDoneSeconds: number;
  /** Request to `done` per action, as the benchmark saw it. */
  latency: LatencySummary;
  /** The same latencies by bucket, for the chart. */
  histogram: LatencyHistogram;
  timedOut: boolean;
  /** CPU seconds the benchmark process itself spent sending batches and reading the event stream. */
  driverCpuSeconds: number;
}

export interface ResetOptions {
  batchSize: number;
  concurrentBatches: number;
  deadline: number;
  progress: (done: number, total: number) => void;
}

/** Resets every device in `deviceIds` through `target` and waits for each action to finish. */
export async function fleetReset(
  target: Target,
  deviceIds: readonly string[],
  options: ResetOptions,
): Promise<ResetResult> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const finished = new Set<string>();
  let done = 0;
  let failed = 0;
  let lastFinal = 0;
  let refused = 0;
  let wake: () => void = () => {};
  const checkFinished = () => {
    if (finished.size + refused >= deviceIds.length) wake();
  };
  const stream = watchCompletions(
    `${target.baseUrl}${target.eventsPath}`,
    target.eventsHeaders,
    (event, at) => {
      const sent = sentAt.get(event.deviceId);
      if (sent === undefined || finished.has(event.deviceId)) return;
      finished.add(event.deviceId);
      if (event.state === 'done') {
        done++;
        latencies.push(at - sent);
      } else failed++;
      lastFinal = at;
      checkFinished();
    },
  );
  try {
    await Promise.race([
      stream.ready,
      sleep(10_000).then(() => Promise.reject(new Error('event stream did not open'))),
    ]);
    const allFinished = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const started = performance.now();
    const cpuAtStart = process.cpuUsage();
    let next = 0;
    const worker = async () => {
      while (next < deviceIds.length && performance.now() < options.deadline) {
        const chunk = deviceIds.slice(next, next + options.batchSize);
        next += chunk.length;
        const now = performance.now();
        for (const id of chunk) sentAt.set(id, now);
        try {
          // Not `refused += await ...`: that reads `refused` before the await, and the other workers' batches that
          // end meanwhile would be lost (then the reset waits for refused requests until its deadline).
          const refusedNow = await Promise.race([
            target.sendBatch(chunk),
            sleep(BATCH_TIMEOUT_MS).then(() => Promise.reject(new Error('batch timed out'))),
          ]);
          refused += refusedNow;
        } catch {
          refused += chunk.length;
        }
        checkFinished();
      }
    };
    const reporter = setInterval(() => options.progress(finished.size, deviceIds.length), 1_000);
    try {
      await Promise.all(Array.from({ length: options.concurrentBatches }, worker));
      let deadlineTimer: NodeJS.Timeout | undefined;
      const timedOut =
        finished.size + refused < deviceIds.length &&
        (await Promise.race([
          allFinished.then(() => false),
          new Promise<boolean>((resolve) => {
            deadlineTimer = setTimeout(
              () => resolve(true),
              Math.max(0, options.deadline - performance.now()),
            );
          }),
        ]));
      clearTimeout(deadlineTimer);
      options.progress(finished.size, deviceIds.length);
      return {
        requested: deviceIds.length,
        done,
        failed,
        refused,
        lastDoneSeconds: lastFinal > 0 ? (lastFinal - started) / 1000 : 0,
        latency: summarize(latencies),
        histogram: histogram(latencies),
        timedOut,
        driverCpuSeconds: cpuSecondsSince(cpuAtStart),
      };
    } finally {
      clearInterval(reporter);
    }
  } finally {
    stream.close();
  }
}
