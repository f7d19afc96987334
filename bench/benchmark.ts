// The benchmark as a function: mdmsim and a bare-ws baseline under the same load, compared and written to disk.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { batchedResetPasscode } from '../shared/graph/batch-request.js';
import { FINAL_ACTION_STATES } from '../shared/sim/action-view.js';
import { benchFleet } from './bench-fleet.js';
import type { BenchmarkResult, Ratios, RoundResult, StoreRun, TargetCheck } from './benchmark-result.js';
import { CHILD_RUNTIME, extraNodeArgs, sourceRevision, spawnTs } from './child-process.js';
import { WARM_UP_RESETS, warmUpDriver } from './driver-warm-up.js';
import { latencyChartSvg } from './latency-chart.js';
import type { Target } from './load-driver.js';
import { markdownReport } from './report.js';
import { medianRoundIndex, roundOrder, spreadOf } from './rounds.js';
import { runScenario, type ScenarioResult } from './scenario.js';
import { ratioText } from './stats.js';
import { removeStoreFiles, STORE_KINDS, STORES, type StoreKind } from './stores.js';

/**
 * Server environment every mdmsim run gets. Graph throttling (on by default, as in Intune) would measure the
 * throttle, not the server, so the benchmark turns it off and says so in its output.
 */
export const BENCH_SERVER_ENV = { MDMSIM_THROTTLING: 'off' } as const;

/** Devices one agents process runs at most: far below its 20,000 open files. */
export const DEVICES_PER_AGENTS_PROCESS = 10_000;

export interface BenchmarkOptions {
  devices: number;
  /** The stores mdmsim runs with, side by side (default: memory and sqlite). */
  stores?: StoreKind[];
  outDir: string;
  /** The whole run is abandoned (children killed) after this long. */
  timeoutMs?: number;
  batchSize?: number;
  concurrentBatches?: number;
  /** Every system measured this many times, in turns (`bench/rounds.ts`); default 1. */
  rounds?: number;
  log?: (line: string) => void;
}

/** Rounds one run may ask for (each a full measurement of every system). */
export const MAX_ROUNDS = 9;

/** Why a run cannot measure these stores, or null: the command line and `runBenchmark` ask the same. */
export function storesProblem(stores: readonly string[]): string | null {
  if (stores.length === 0) return '--store named no store to measure.';
  return new Set(stores).size === stores.length
    ? null
    : `--store names each store once; not "${stores.join(',')}".`;
}

/** Why a run cannot measure this many rounds (`asGiven`: as the user wrote it), or null. */
export function roundsProblem(rounds: number, asGiven = String(rounds)): string | null {
  return Number.isSafeInteger(rounds) && rounds >= 1 && rounds <= MAX_ROUNDS
    ? null
    : `--rounds takes a whole number from 1 to ${MAX_ROUNDS}; not "${asGiven}".`;
}

/** The server holds one socket per live device, and may open 20,000 files: this leaves about 1,000 spare. */
export const MAX_DEVICES = 19_000;

const ratio = (ours: number, theirs: number) => (theirs > 0 ? Math.round((ours / theirs) * 100) / 100 : null);

/**
 * Whether a run's warm reset ran to its end: a warm reset cut off by the run's deadline has no ratio (0 would read as a
 * result). A refused batch counts all its requests refused even if some of them went on to finish, so the sum may pass
 * the number requested.
 */
export function warmResetFinished({ warmReset: { reset } }: Pick<ScenarioResult, 'warmReset'>): boolean {
  return !reset.timedOut && reset.done + reset.failed + reset.refused >= reset.requested;
}

function ratiosOf(ours: ScenarioResult, theirs: ScenarioResult): Ratios {
  const warmFinished = warmResetFinished(ours) && warmResetFinished(theirs);
  const warm = (mine: number, bare: number) => (warmFinished ? ratio(mine, bare) : null);
  return {
    connectSeconds: ratio(ours.connectSeconds, theirs.connectSeconds),
    lastDoneSeconds: ratio(ours.reset.lastDoneSeconds, theirs.reset.lastDoneSeconds),
    p50: ratio(ours.reset.latency.p50Ms, theirs.reset.latency.p50Ms),
    p95: ratio(ours.reset.latency.p95Ms, theirs.reset.latency.p95Ms),
    p99: ratio(ours.reset.latency.p99Ms, theirs.reset.latency.p99Ms),
    max: ratio(ours.reset.latency.maxMs, theirs.reset.latency.maxMs),
    serverRssDeltaPerDevice: ratio(ours.server.rssDeltaPerDeviceBytes, theirs.server.rssDeltaPerDeviceBytes),
    agentsRssDeltaPerDevice: ratio(ours.agents.rssDeltaPerDeviceBytes, theirs.agents.rssDeltaPerDeviceBytes),
    serverCpu: ratio(ours.server.cpuSeconds.reset, theirs.server.cpuSeconds.reset),
    agentsCpu: ratio(ours.agents.cpuSeconds.reset, theirs.agents.cpuSeconds.reset),
    warmLastDoneSeconds: warm(ours.warmReset.reset.lastDoneSeconds, theirs.warmReset.reset.lastDoneSeconds),
    warmP99: warm(ours.warmReset.reset.latency.p99Ms, theirs.warmReset.reset.latency.p99Ms),
    warmServerCpu: warm(ours.warmReset.cpuSeconds.server, theirs.warmReset.cpuSeconds.server),
    warmAgentsCpu: warm(ours.warmReset.cpuSeconds.agents, theirs.warmReset.cpuSeconds.agents),
  };
}

function targetsOf(mdmsim: ScenarioResult, ratios: Ratios): TargetCheck[] {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const within = (name: string, value: number | null, limit: number, detail: string): TargetCheck => ({
    name,
    met: value !== null && value <= limit,
    detail: `${detail}, ${value ?? 'n/a'}x baseline`,
  });
  const actions = Math.max(1, mdmsim.reset.done);
  return [
    {
      name: 'every device live',
      met: mdmsim.connected === mdmsim.devices,
      detail: `${mdmsim.connected}/${mdmsim.devices} connected`,
    },
    {
      name: 'fleet-wide reset all done',
      met: mdmsim.reset.done === mdmsim.reset.requested,
      detail: `${mdmsim.reset.done}/${mdmsim.reset.requested} done`,
    },
    within(
      'last done within 1.5x baseline',
      ratios.lastDoneSeconds,
      1.5,
      `${mdmsim.reset.lastDoneSeconds.toFixed(2)} s`,
    ),
    within('p99 within 2x baseline', ratios.p99, 2, `${mdmsim.reset.latency.p99Ms} ms`),
    within('connect + enroll within 1.3x baseline', ratios.connectSeconds, 1.3, `${mdmsim.connectSeconds} s`),
    within(
      'server CPU per action within 2x baseline',
      ratios.serverCpu,
      2,
      `${Math.round((mdmsim.server.cpuSeconds.reset / actions) * 1e6)} µs per action`,
    ),
    {
      name: 'server <= 8 KB per device',
      met: mdmsim.server.rssDeltaPerDeviceBytes <= 8 * 1024,
      detail: `${kb(mdmsim.server.rssDeltaPerDeviceBytes)} over an idle server (${kb(mdmsim.server.rssPerDeviceBytes)} whole RSS)`,
    },
    {
      name: 'agents <= 12 KB per device',
      met: mdmsim.agents.rssDeltaPerDeviceBytes <= 12 * 1024,
      detail: `${kb(mdmsim.agents.rssDeltaPerDeviceBytes)} over idle processes (${kb(mdmsim.agents.rssPerDeviceBytes)} whole RSS)`,
    },
  ];
}

/** Splits `devices` over `processes` shards as evenly as possible. */
export function shardSizes(devices: number, processes: number): number[] {
  const base = Math.floor(devices / processes);
  return Array.from({ length: processes }, (_, index) => base + (index < devices % processes ? 1 : 0));
}

/** How many inner requests of a batch were not accepted; the body is always read so the connection is reused. */
async function refusedIn(response: Response, sent: number): Promise<number> {
  const text = await response.text();
  if (!response.ok) return sent;
  const body = JSON.parse(text) as { responses?: Array<{ status: number }> };
  return (body.responses ?? []).filter((item) => item.status !== 204).length;
}

/** How the benchmark's client drives mdmsim: Graph `$batch` as an admin, the simulator's event stream and reset. */
export const mdmsimTarget = (
  baseUrl: string,
  tokens: { admin: string; sim: string },
  devices: number,
): Target => ({
  baseUrl,
  // Outcomes only, as the bare server streams them (a client waiting on completion asks for no more).
  eventsPath: `/sim/events?events=action&actionStates=${[...FINAL_ACTION_STATES].join(',')}`,
  eventsHeaders: { authorization: `Bearer ${tokens.sim}` },
  async sendBatch(ids) {
    const response = await fetch(`${baseUrl}/v1.0/$batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: ids.map((id, index) => batchedResetPasscode(String(index + 1), id)),
      }),
      signal: AbortSignal.timeout(30_000),
    });
    return refusedIn(response, ids.length);
  },
  async restartDevices() {
    const response = await fetch(`${baseUrl}/sim/reset`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.sim}`, 'content-type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(120_000),
    });
    const outcome = (await response.json()) as {
      reset?: string[];
      offline?: string[];
      silent?: string[];
    };
    const started = (outcome.reset?.length ?? 0) - (outcome.silent?.length ?? 0);
    if (!response.ok || (outcome.offline?.length ?? 0) > 0 || (outcome.silent?.length ?? 1) > 0) {
      throw new Error(
        `the simulator's reset answered ${response.status}: ${started} of ${devices} devices back to their start and reported`,
      );
    }
  },
});

/** How the benchmark's client drives the bare baseline: the same pattern, no more. */
export const bareTarget = (baseUrl: string): Target => ({
  baseUrl,
  eventsPath: '/events',
  eventsHeaders: {},
  async sendBatch(ids) {
    const response = await fetch(`${baseUrl}/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids }),
      signal: AbortSignal.timeout(30_000),
    });
    return refusedIn(response, ids.length);
  },
});

/** The client is warmed once per process: a later run (the growth's next size) finds it warm. */
let clientWarmed = false;

export async function runBenchmark(options: BenchmarkOptions): Promise<BenchmarkResult> {
  const devices = Math.floor(options.devices);
  if (!(devices >= 1 && devices <= MAX_DEVICES)) {
    throw new Error(`--devices must be between 1 and ${MAX_DEVICES} (one server process holds them all).`);
  }
  const stores = options.stores ?? STORE_KINDS;
  const roundCount = options.rounds ?? 1;
  const refused = storesProblem(stores) ?? roundsProblem(roundCount);
  if (refused) throw new Error(refused);
  const log = options.log ?? (() => {});
  const batchSize = Math.min(20, options.batchSize ?? 20);
  const concurrentBatches = options.concurrentBatches ?? 8;
  // The deadline covers the whole run: ten minutes a round unless told otherwise.
  const deadline = performance.now() + (options.timeoutMs ?? 10 * 60_000 * roundCount);
  const outDir = resolve(options.outDir); // relative to where the command runs (the checkout, or a user's folder)
  await mkdir(outDir, { recursive: true });
  const startedAt = new Date().toISOString();

  const adminToken = randomBytes(24).toString('base64url');
  const enrollmentToken = randomBytes(24).toString('base64url');
  const simToken = randomBytes(24).toString('base64url');
  const fleetName = `bench-${randomBytes(3).toString('hex')}`;
  // Scratch files go under tmp/, which git ignores; only latest.* are results.
  const scratchDir = join(outDir, 'tmp');
  await mkdir(scratchDir, { recursive: true });
  const shards = await Promise.all(
    shardSizes(devices, Math.ceil(devices / DEVICES_PER_AGENTS_PROCESS)).map(async (size, index) => {
      const name = `${fleetName}-${index}`;
      const fleet = benchFleet(size, name);
      const file = join(scratchDir, `${name}.json`);
      await writeFile(file, JSON.stringify(fleet.spec));
      return { name, file, fleet };
    }),
  );
  const total = shards.reduce((sum, shard) => sum + shard.fleet.total, 0);
  const resetIds = shards.flatMap((shard) => shard.fleet.supportedIds);
  const idleFleetFile = join(scratchDir, 'bench-idle-fleet.json');
  const firstEntry = shards[0]?.fleet.spec.devices[0];
  await writeFile(
    idleFleetFile,
    JSON.stringify({ devices: [firstEntry ? { ...firstEntry, count: 1 } : {}] }),
  );
  const quiet = { LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  const tokens = { admin: adminToken, sim: simToken };

  const mdmsimRun = async (store: StoreKind) => {
    // Each server started (a second one if the first port was taken) gets its own store, removed after the run: a
    // SQLite file of 10,000 devices is about 16 MB, and rounds would pile them up.
    const storeEnvs: Array<Record<string, string>> = [];
    try {
      return await runScenario({
        name: `mdmsim ${store}`,
        devices: total,
        resetIds,
        server: (port) => {
          const storeEnv = STORES[store](scratchDir);
          storeEnvs.push(storeEnv);
          return spawnTs(`mdmsim server (${store})`, 'server/main.ts', {
            ...quiet,
            ...BENCH_SERVER_ENV,
            ...storeEnv,
            // HTTPS on a free port, its CA in the scratch dir: a benchmark never fights for 8443 or writes .mdmsim/.
            MDMSIM_HTTPS_PORT: '0',
            MDMSIM_DATA_DIR: join(scratchDir, 'mdmsim-data'),
            PORT: String(port),
            HOST: '127.0.0.1',
            MDMSIM_DEFAULT_FLEET: 'false',
            MDMSIM_ADMIN_TOKEN: adminToken,
            MDMSIM_SIM_TOKEN: simToken,
            MDMSIM_ENROLLMENT_TOKEN: enrollmentToken,
          });
        },
        agents: (port) =>
          shards.map((shard) =>
            spawnTs(`mdmsim agents ${shard.name}`, 'agents/main.ts', {
              ...quiet,
              MDMSIM_SERVER_URL: `http://127.0.0.1:${port}`,
              MDMSIM_ENROLLMENT_TOKEN: enrollmentToken,
              MDMSIM_FLEET_FILE: shard.file,
              MDMSIM_FLEET_NAME: shard.name,
            }),
          ),
        idleAgents: (holePort) =>
          spawnTs('mdmsim idle agents', 'agents/main.ts', {
            ...quiet,
            // The one device waits on a port that never answers, so the process is up with nothing connected.
            MDMSIM_SERVER_URL: `http://127.0.0.1:${holePort}`,
            MDMSIM_ENROLLMENT_TOKEN: enrollmentToken,
            MDMSIM_FLEET_FILE: idleFleetFile,
            MDMSIM_FLEET_NAME: `${fleetName}-idle`,
          }),
        target: (baseUrl) => mdmsimTarget(baseUrl, tokens, total),
        batchSize,
        concurrentBatches,
        deadline,
        log,
      });
    } finally {
      for (const env of storeEnvs) await removeStoreFiles(env, log);
    }
  };

  // The client warm before the first measured system, as it is for every system after it.
  if (!clientWarmed) {
    log(
      `[client] warming up: ${WARM_UP_RESETS} made-up resets through each system's requests, against a stand-in`,
    );
    await warmUpDriver([(baseUrl) => mdmsimTarget(baseUrl, tokens, total), bareTarget], {
      batchSize,
      concurrentBatches,
      deadline,
    });
    clientWarmed = true;
  }

  const bareRun = () =>
    runScenario({
      name: 'baseline',
      devices: total,
      resetIds,
      server: (port) => spawnTs('bare ws server', 'bench/bare-ws-server.ts', { PORT: String(port) }),
      agents: (port) =>
        shards.map((shard) =>
          spawnTs(`bare ws clients ${shard.name}`, 'bench/bare-ws-clients.ts', {
            BENCH_WS_URL: `ws://127.0.0.1:${port}/`,
            BENCH_DEVICES: String(shard.fleet.total),
            BENCH_FLEET: shard.name,
          }),
        ),
      idleAgents: (holePort) =>
        spawnTs('bare ws idle clients', 'bench/bare-ws-clients.ts', {
          BENCH_WS_URL: `ws://127.0.0.1:${holePort}/`,
          BENCH_DEVICES: '1',
          BENCH_FLEET: `${fleetName}-idle`,
        }),
      target: bareTarget,
      batchSize,
      concurrentBatches,
      deadline,
      log,
    });

  const systems: Array<StoreKind | 'bare'> = [...stores, 'bare'];
  const rounds: RoundResult[] = [];
  for (let index = 0; index < roundCount; index++) {
    if (roundCount > 1) log(`[round ${index + 1} of ${roundCount}]`);
    const order = roundOrder(systems, index);
    const measured = new Map<StoreKind, ScenarioResult>();
    let baseline: ScenarioResult | undefined;
    for (const system of order) {
      if (system === 'bare') baseline = await bareRun();
      else measured.set(system, await mdmsimRun(system));
    }
    if (!baseline) throw new Error('a round ran without its baseline');
    const bare = baseline;
    const runs: StoreRun[] = stores.map((store) => {
      const result = measured.get(store);
      if (!result) throw new Error(`a round ran without the ${store} store`);
      const ratios = ratiosOf(result, bare);
      return { store, result, ratios, targets: targetsOf(result, ratios) };
    });
    rounds.push({
      order: order.map((system) => (system === 'bare' ? 'bare ws' : `mdmsim ${system}`)),
      runs,
      baseline,
    });
    // Each round's ratios as it ends: a later round that fails (or runs out of time) does not take them with it.
    if (roundCount > 1) {
      const ratios = runs.map(
        ({ store, ratios: r }) =>
          `${store}: connect ${ratioText(r.connectSeconds)}, last done ${ratioText(r.lastDoneSeconds)}, p99 ${ratioText(r.p99)}, server CPU ${ratioText(r.serverCpu)}`,
      );
      log(`[round ${index + 1} of ${roundCount}] ${ratios.join(' | ')}`);
    }
  }

  const shownRound = medianRoundIndex(rounds);
  const shown = rounds[shownRound];
  const first = shown?.runs[0];
  if (!shown || !first) throw new Error('the benchmark measured no round');
  const { runs, baseline } = shown;
  const result: BenchmarkResult = {
    startedAt,
    machine: { cpus: cpus().length, node: process.version },
    source: { revision: sourceRevision(), runtime: CHILD_RUNTIME, childNodeArgs: extraNodeArgs },
    devices: total,
    supported: resetIds.length,
    batchSize,
    concurrentBatches,
    serverEnv: { ...BENCH_SERVER_ENV },
    agentsProcesses: shards.length,
    runs,
    baseline,
    mdmsim: first.result,
    ratios: first.ratios,
    targets: first.targets,
    rounds: rounds.length > 1 ? rounds : [],
    shownRound,
    spread: spreadOf(rounds),
  };
  await writeFile(join(outDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(join(outDir, 'latest.md'), markdownReport(result));
  await writeFile(
    join(outDir, 'latest.svg'),
    latencyChartSvg(`Remove passcode, request to done: ${total} devices, throttling off`, [
      ...runs.map((run) => ({
        label: `mdmsim (${run.store} store)`,
        histogram: run.result.reset.histogram,
        latency: run.result.reset.latency,
      })),
      { label: 'bare ws', histogram: baseline.reset.histogram, latency: baseline.reset.latency },
    ]),
  );
  return result;
}
