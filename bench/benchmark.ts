// The benchmark as a function: mdmsim and a bare-ws baseline under the same load, compared and written to disk.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { benchFleet } from './bench-fleet.js';
import { spawnTs } from './child-process.js';
import { markdownReport } from './report.js';
import { runScenario, type ScenarioResult } from './scenario.js';

export interface BenchmarkOptions {
  devices: number;
  outDir: string;
  /** The whole run is abandoned (children killed) after this long. */
  timeoutMs?: number;
  batchSize?: number;
  concurrentBatches?: number;
  log?: (line: string) => void;
}

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
}

export interface TargetCheck {
  name: string;
  met: boolean;
  detail: string;
}

export interface BenchmarkResult {
  startedAt: string;
  machine: { cpus: number; node: string };
  devices: number;
  supported: number;
  batchSize: number;
  concurrentBatches: number;
  mdmsim: ScenarioResult;
  baseline: ScenarioResult;
  /** mdmsim divided by the baseline (higher is worse for every figure). */
  ratios: Ratios;
  targets: TargetCheck[];
}

/** The agents process refuses more than this many devices: one open file each, and 20,000 per process. */
export const MAX_DEVICES = 19_000;

const ratio = (ours: number, theirs: number) => (theirs > 0 ? Math.round((ours / theirs) * 100) / 100 : null);

function ratiosOf(ours: ScenarioResult, theirs: ScenarioResult): Ratios {
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
  };
}

function targetsOf(result: Omit<BenchmarkResult, 'targets'>): TargetCheck[] {
  const { mdmsim, ratios } = result;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
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
    {
      name: 'p99 < 1.5 s',
      met: mdmsim.reset.latency.p99Ms < 1_500,
      detail: `p99 ${mdmsim.reset.latency.p99Ms} ms`,
    },
    {
      name: 'last done within 2x baseline',
      met: ratios.lastDoneSeconds !== null && ratios.lastDoneSeconds <= 2,
      detail: `${mdmsim.reset.lastDoneSeconds.toFixed(2)} s, ${ratios.lastDoneSeconds ?? 'n/a'}x baseline`,
    },
    {
      name: 'p99 within 2x baseline',
      met: ratios.p99 !== null && ratios.p99 <= 2,
      detail: `${mdmsim.reset.latency.p99Ms} ms, ${ratios.p99 ?? 'n/a'}x baseline`,
    },
    {
      name: 'agents <= 24 KB per device',
      met: mdmsim.agents.rssDeltaPerDeviceBytes <= 24 * 1024,
      detail: `${kb(mdmsim.agents.rssDeltaPerDeviceBytes)} over baseline (${kb(mdmsim.agents.rssPerDeviceBytes)} whole RSS)`,
    },
    {
      name: 'server <= 16 KB per device',
      met: mdmsim.server.rssDeltaPerDeviceBytes <= 16 * 1024,
      detail: `${kb(mdmsim.server.rssDeltaPerDeviceBytes)} over baseline (${kb(mdmsim.server.rssPerDeviceBytes)} whole RSS)`,
    },
  ];
}

/** How many inner requests of a batch were not accepted; the body is always read so the connection is reused. */
async function refusedIn(response: Response, sent: number): Promise<number> {
  const text = await response.text();
  if (!response.ok) return sent;
  const body = JSON.parse(text) as { responses?: Array<{ status: number }> };
  return (body.responses ?? []).filter((item) => item.status !== 204).length;
}

export async function runBenchmark(options: BenchmarkOptions): Promise<BenchmarkResult> {
  const devices = Math.floor(options.devices);
  if (!(devices >= 1 && devices <= MAX_DEVICES)) {
    throw new Error(`--devices must be between 1 and ${MAX_DEVICES} (one process holds them all).`);
  }
  const log = options.log ?? (() => {});
  const batchSize = Math.min(20, options.batchSize ?? 20);
  const concurrentBatches = options.concurrentBatches ?? 8;
  const deadline = performance.now() + (options.timeoutMs ?? 10 * 60_000);
  const outDir = resolve(options.outDir); // relative to where the command runs (the checkout, or a user's folder)
  await mkdir(outDir, { recursive: true });
  const startedAt = new Date().toISOString();

  const adminToken = randomBytes(24).toString('base64url');
  const enrollmentToken = randomBytes(24).toString('base64url');
  const fleetName = `bench-${randomBytes(3).toString('hex')}`;
  const fleet = benchFleet(devices, fleetName);
  // Scratch files go under tmp/, which git ignores; only latest.json and latest.md are results.
  const scratchDir = join(outDir, 'tmp');
  await mkdir(scratchDir, { recursive: true });
  const fleetFile = join(scratchDir, 'bench-fleet.json');
  const idleFleetFile = join(scratchDir, 'bench-idle-fleet.json');
  await writeFile(fleetFile, JSON.stringify(fleet.spec));
  await writeFile(
    idleFleetFile,
    JSON.stringify({ devices: [fleet.spec.devices[0] ? { ...fleet.spec.devices[0], count: 1 } : {}] }),
  );
  const quiet = { LOG_LEVEL: 'warn', NODE_ENV: 'production' };

  const mdmsim = await runScenario({
    name: 'mdmsim',
    devices: fleet.total,
    resetIds: fleet.supportedIds,
    server: (port) =>
      spawnTs('mdmsim server', 'server/main.ts', {
        ...quiet,
        PORT: String(port),
        HOST: '127.0.0.1',
        MDMSIM_DEFAULT_FLEET: 'false',
        MDMSIM_ADMIN_TOKEN: adminToken,
        MDMSIM_ENROLLMENT_TOKEN: enrollmentToken,
      }),
    agents: (port) =>
      spawnTs('mdmsim agents', 'agents/main.ts', {
        ...quiet,
        MDMSIM_SERVER_URL: `http://127.0.0.1:${port}`,
        MDMSIM_ENROLLMENT_TOKEN: enrollmentToken,
        MDMSIM_FLEET_FILE: fleetFile,
        MDMSIM_FLEET_NAME: fleetName,
      }),
    idleAgents: (holePort) =>
      spawnTs('mdmsim idle agents', 'agents/main.ts', {
        ...quiet,
        // The one device waits on a port that never answers, so the process is up with nothing connected.
        MDMSIM_SERVER_URL: `http://127.0.0.1:${holePort}`,
        MDMSIM_ENROLLMENT_TOKEN: enrollmentToken,
        MDMSIM_FLEET_FILE: idleFleetFile,
        MDMSIM_FLEET_NAME: `${fleetName}-idle`,
      }),
    target: (baseUrl) => ({
      baseUrl,
      eventsPath: '/sim/events?events=action',
      eventsHeaders: {},
      async sendBatch(ids) {
        const response = await fetch(`${baseUrl}/v1.0/$batch`, {
          method: 'POST',
          headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            requests: ids.map((id, index) => ({
              id: String(index + 1),
              method: 'POST',
              url: `/deviceManagement/managedDevices/${id}/resetPasscode`,
            })),
          }),
          signal: AbortSignal.timeout(30_000),
        });
        return refusedIn(response, ids.length);
      },
    }),
    batchSize,
    concurrentBatches,
    deadline,
    log,
  });

  const baseline = await runScenario({
    name: 'baseline',
    devices: fleet.total,
    resetIds: fleet.supportedIds,
    server: (port) => spawnTs('bare ws server', 'bench/bare-ws-server.ts', { PORT: String(port) }),
    agents: (port) =>
      spawnTs('bare ws clients', 'bench/bare-ws-clients.ts', {
        BENCH_WS_URL: `ws://127.0.0.1:${port}/`,
        BENCH_DEVICES: String(fleet.total),
        BENCH_FLEET: fleetName,
      }),
    idleAgents: (holePort) =>
      spawnTs('bare ws idle clients', 'bench/bare-ws-clients.ts', {
        BENCH_WS_URL: `ws://127.0.0.1:${holePort}/`,
        BENCH_DEVICES: '1',
        BENCH_FLEET: `${fleetName}-idle`,
      }),
    target: (baseUrl) => ({
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
    }),
    batchSize,
    concurrentBatches,
    deadline,
    log,
  });

  const partial = {
    startedAt,
    machine: { cpus: cpus().length, node: process.version },
    devices: fleet.total,
    supported: fleet.supportedIds.length,
    batchSize,
    concurrentBatches,
    mdmsim,
    baseline,
    ratios: ratiosOf(mdmsim, baseline),
  };
  const result: BenchmarkResult = { ...partial, targets: targetsOf(partial) };
  await writeFile(join(outDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(join(outDir, 'latest.md'), markdownReport(result));
  return result;
}
