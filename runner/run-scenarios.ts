// Runs many scenarios, in parallel where that is safe, and hands each result back as it finishes.
import pino, { type Logger } from 'pino';
import type { ScenarioResult } from './results.js';
import { canMoveClock, type RemoteServerOptions, runScenario } from './run-scenario.js';
import type { LoadedScenario } from './scenario-file.js';

export interface RunScenariosOptions {
  concurrency?: number;
  seed?: string;
  stepTimeoutMs?: number;
  /** Real ms the server may take to answer one request. */
  requestTimeoutMs?: number;
  server?: RemoteServerOptions;
  /**
   * Start no more scenarios once one has failed; those not started are left out of the results. Against --server
   * a server found unavailable stops the run the same way, whatever this says.
   */
  bail?: boolean;
  logger?: Logger;
  /**
   * Interrupts the run (its reason names the signal): no scenario starts after it, and those running end `cancelled`
   * once their devices are removed (see RunScenarioOptions.signal). Those not started are left out of the results.
   */
  signal?: AbortSignal;
  onStart?: (scenario: LoadedScenario) => void;
  onStep?: (scenario: LoadedScenario, index: number, label: string) => void;
  onResult?: (result: ScenarioResult, scenario: LoadedScenario) => void;
}

/** Whether the scenario moves the simulated clock (which a shared server's other scenarios would feel). */
export function movesClock(loaded: LoadedScenario): boolean {
  return loaded.scenario.steps.some(canMoveClock);
}

/**
 * Whether the scenario changes what the whole server does: the simulated clock, or an admin-side Graph fault (a rule
 * matches every caller's requests, as a service outage does), so a shared server's other scenarios would feel it.
 */
export function changesSharedServer(loaded: LoadedScenario): boolean {
  return movesClock(loaded) || loaded.scenario.steps.some((step) => 'graphFault' in step);
}

/**
 * In-process every scenario has its own server, so all may run side by side. Against one shared server (--server)
 * the clock and Graph's fault rules are shared too: scenarios that change them run one at a time, after the others.
 */
export async function runScenarios(
  scenarios: readonly LoadedScenario[],
  options: RunScenariosOptions = {},
): Promise<ScenarioResult[]> {
  const settings = {
    seed: options.seed ?? '1',
    stepTimeoutMs: options.stepTimeoutMs ?? 5_000,
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    logger: options.logger ?? pino({ level: 'silent' }),
    ...(options.server ? { server: options.server } : {}),
    ...(options.onStep ? { onStep: options.onStep } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const results = new Map<LoadedScenario, ScenarioResult>();
  let bailed = false;
  const run = async (loaded: LoadedScenario) => {
    if (bailed || options.signal?.aborted) return;
    options.onStart?.(loaded);
    const result = await runScenario(loaded, settings);
    results.set(loaded, result);
    if (options.bail && result.status === 'failed') bailed = true;
    // One shared server for every scenario: once it is unavailable, each later scenario would only wait to say so.
    if (options.server && result.status === 'error') bailed = true;
    options.onResult?.(result, loaded);
  };
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const parallel = options.server ? scenarios.filter((s) => !changesSharedServer(s)) : [...scenarios];
  const serial = options.server ? scenarios.filter(changesSharedServer) : [];
  await inPool(parallel, concurrency, run);
  await inPool(serial, 1, run);
  return scenarios.flatMap((loaded) => results.get(loaded) ?? []);
}

async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
