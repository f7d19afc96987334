// Tenant scale: a tenant of mostly offline devices, enrolled, listed through Graph page by page, and its store reopened.
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DeviceSpecInput } from '../agents/fleet/fleet-spec.js';
import { restartablePort } from '../lib/restartable-port.js';
import { benchFleet } from './bench-fleet.js';
import { BENCH_SERVER_ENV } from './benchmark.js';
import type { BenchmarkResult } from './benchmark-result.js';
import {
  CHILD_RUNTIME,
  type Child,
  memoryProbeArgs,
  type ProbedMemory,
  probeMemory,
  sampleProcess,
  sleep,
  sourceRevision,
  spawnTs,
} from './child-process.js';
import { readHealth, waitForHealth } from './load-driver.js';
import { codeMeasured } from './report.js';
import { removeStoreFiles, STORES, type StoreKind } from './stores.js';

/** Intune's page size for managedDevices: Graph returns at most 1,000 per page and links the next. */
export const INTUNE_PAGE_SIZE = 1000;

export interface TenantOptions {
  /** Devices enrolled in all. */
  enrolled: number;
  /** Of which this many stay connected. */
  live: number;
  stores: StoreKind[];
  outDir: string;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface TenantRun {
  store: StoreKind;
  enrolled: number;
  live: number;
  /** Seconds from starting the agents until every device was enrolled. */
  enrollSeconds: number;
  /**
   * Server memory each offline device keeps: growth of the V8 heap plus off-heap memory after a full collection,
   * from the live devices connected to every offline one enrolled, over the offline devices.
   */
  serverBytesPerOfflineDevice: number;
  /** The same growth as the OS sees it (RSS, garbage and heap headroom included). */
  serverRssBytesPerOfflineDevice: number;
  serverRssBytes: { idle: number; live: number; enrolled: number };
  listing: { pages: number; devices: number; seconds: number; pagesPerSecond: number; slowestPageMs: number };
  /** Durable stores: size on disk and the time a restarted server takes to answer with every device. */
  reopen: { storeBytes: number; seconds: number; emptyStartSeconds: number } | null;
}

export interface TenantResult {
  startedAt: string;
  /** The commit measured and how the children ran it, as in the benchmark's report. */
  source: Pick<BenchmarkResult['source'], 'revision' | 'runtime'>;
  serverEnv: Record<string, string>;
  pageSize: number;
  runs: TenantRun[];
}

/**
 * The live devices as the benchmark fleet spreads them, then the rest of the tenant the same way, but offline. Tiny
 * counts are rounded up to one device of each kind: `live` and `enrolled` say what the fleet really holds.
 */
export function tenantFleet(
  enrolled: number,
  live: number,
  fleetName: string,
): { spec: { devices: DeviceSpecInput[] }; live: number; enrolled: number } {
  const liveEntries = live > 0 ? benchFleet(live, fleetName).spec.devices : [];
  const offline = enrolled - live;
  const offlineEntries =
    offline > 0
      ? benchFleet(offline, fleetName).spec.devices.map((entry) => ({
          ...entry,
          name: String(entry.name).replace('Bench', 'Shelf'),
          online: false,
        }))
      : [];
  const devices = [...liveEntries, ...offlineEntries];
  const count = (entries: DeviceSpecInput[]) => entries.reduce((sum, entry) => sum + (entry.count ?? 1), 0);
  return { spec: { devices }, live: count(liveEntries), enrolled: count(devices) };
}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  deadline: number,
  alive: () => boolean,
): Promise<void> {
  while (performance.now() < deadline) {
    if (!alive()) throw new Error(`a process exited while waiting for ${what}`);
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Follows @odata.nextLink from the first page to the last, as a Graph client does. */
async function listEveryDevice(baseUrl: string, adminToken: string): Promise<TenantRun['listing']> {
  let url: string | undefined = `${baseUrl}/v1.0/deviceManagement/managedDevices?$top=${INTUNE_PAGE_SIZE}`;
  let pages = 0;
  let devices = 0;
  let slowestPageMs = 0;
  const started = performance.now();
  while (url) {
    const pageStarted = performance.now();
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${adminToken}` },
      signal: AbortSignal.timeout(60_000),
    });
    if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { value: unknown[]; '@odata.nextLink'?: string };
    slowestPageMs = Math.max(slowestPageMs, performance.now() - pageStarted);
    pages++;
    devices += body.value.length;
    url = body['@odata.nextLink'];
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    pages,
    devices,
    seconds: Math.round(seconds * 100) / 100,
    pagesPerSecond: Math.round((pages / Math.max(0.001, seconds)) * 10) / 10,
    slowestPageMs: Math.round(slowestPageMs),
  };
}

async function timedStart(
  start: () => Child,
  baseUrl: string,
  deadline: number,
  devices: number,
): Promise<{ child: Child; seconds: number }> {
  const started = performance.now();
  const child = start();
  await waitForHealth(baseUrl, deadline, () => !child.exited());
  await waitFor(
    `${devices} devices after the restart`,
    async () => ((await readHealth(baseUrl))?.devices ?? -1) >= devices,
    deadline,
    () => !child.exited(),
  );
  return { child, seconds: Math.round(((performance.now() - started) / 1000) * 100) / 100 };
}

async function runTenantStore(
  store: StoreKind,
  options: TenantOptions,
  scratchDir: string,
): Promise<TenantRun> {
  const log = options.log ?? (() => {});
  const deadline = performance.now() + (options.timeoutMs ?? 30 * 60_000);
  const adminToken = randomBytes(24).toString('base64url');
  const enrollmentToken = randomBytes(24).toString('base64url');
  const fleetName = `tenant-${randomBytes(3).toString('hex')}`;
  const fleetFile = join(scratchDir, `${fleetName}.json`);
  const tenant = tenantFleet(options.enrolled, options.live, fleetName);
  await writeFile(fleetFile, JSON.stringify(tenant.spec));
  options = { ...options, enrolled: tenant.enrolled, live: tenant.live };
  const storeEnv = STORES[store](scratchDir);
  const port = await restartablePort('127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;
  const memoryFile = join(scratchDir, `${fleetName}-memory.json`);
  const server = () =>
    spawnTs(
      `mdmsim server (${store})`,
      'server/main.ts',
      {
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        ...BENCH_SERVER_ENV,
        ...storeEnv,
        PORT: String(port),
        HOST: '127.0.0.1',
        // HTTPS on a free port, its CA in the scratch dir: a benchmark never fights for 8443 or writes .mdmsim/.
        MDMSIM_HTTPS_PORT: '0',
        MDMSIM_DATA_DIR: join(scratchDir, 'mdmsim-data'),
        MDMSIM_DEFAULT_FLEET: 'false',
        MDMSIM_ADMIN_TOKEN: adminToken,
        MDMSIM_ENROLLMENT_TOKEN: enrollmentToken,
        BENCH_MEMORY_FILE: memoryFile,
      },
      [],
      memoryProbeArgs(),
    );
  const children: Child[] = [];
  const retained = (memory: ProbedMemory) => memory.heapUsed + memory.external;
  try {
    log(`[tenant ${store}] starting an empty server`);
    const first = await timedStart(server, baseUrl, deadline, 0);
    children.push(first.child);
    await sleep(1_500);
    const idle = sampleProcess(first.child.pid)?.rssBytes ?? 0;
    log(`[tenant ${store}] enrolling ${options.enrolled} devices, ${options.live} of them live`);
    const enrollStarted = performance.now();
    const agents = spawnTs('tenant agents', 'agents/main.ts', {
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      MDMSIM_SERVER_URL: baseUrl,
      MDMSIM_ENROLLMENT_TOKEN: enrollmentToken,
      MDMSIM_FLEET_FILE: fleetFile,
      MDMSIM_FLEET_NAME: fleetName,
    });
    children.push(agents);
    const alive = () => !first.child.exited() && !agents.exited();
    await waitFor(
      `${options.live} live devices`,
      async () => ((await readHealth(baseUrl))?.connected ?? 0) >= options.live,
      deadline,
      alive,
    );
    const liveMemory = await probeMemory(first.child, memoryFile);
    const live = sampleProcess(first.child.pid)?.rssBytes ?? 0;
    let lastReport = performance.now();
    await waitFor(
      `${options.enrolled} enrolled devices`,
      async () => {
        const devices = (await readHealth(baseUrl))?.devices ?? 0;
        if (performance.now() - lastReport > 5_000) {
          lastReport = performance.now();
          log(`[tenant ${store}] enrolled ${devices}/${options.enrolled}`);
        }
        return devices >= options.enrolled;
      },
      deadline,
      alive,
    );
    const enrollSeconds = Math.round(((performance.now() - enrollStarted) / 1000) * 100) / 100;
    await sleep(1_500);
    const enrolledMemory = await probeMemory(first.child, memoryFile);
    const enrolled = sampleProcess(first.child.pid)?.rssBytes ?? 0;
    const keptPerOffline =
      (retained(enrolledMemory) - retained(liveMemory)) / Math.max(1, options.enrolled - options.live);
    log(
      `[tenant ${store}] enrolled in ${enrollSeconds} s, ${(keptPerOffline / 1024).toFixed(2)} KB kept per offline device; listing through Graph, ${INTUNE_PAGE_SIZE} a page`,
    );
    const listing = await listEveryDevice(baseUrl, adminToken);
    log(
      `[tenant ${store}] listed ${listing.devices} devices in ${listing.pages} pages, ${listing.seconds} s`,
    );
    await agents.kill();
    let reopen: TenantRun['reopen'] = null;
    const storeFile = storeEnv.MDMSIM_STORE_FILE;
    if (storeFile) {
      await first.child.kill();
      // SQLite keeps recent writes in its write-ahead log beside the file until a checkpoint.
      const storeBytes = [storeFile, `${storeFile}-wal`]
        .filter((file) => existsSync(file))
        .reduce((sum, file) => sum + statSync(file).size, 0);
      log(`[tenant ${store}] reopening a ${(storeBytes / 1024 / 1024).toFixed(1)} MB store`);
      const again = await timedStart(server, baseUrl, deadline, options.enrolled);
      children.push(again.child);
      reopen = { storeBytes, seconds: again.seconds, emptyStartSeconds: first.seconds };
      log(`[tenant ${store}] reopened in ${again.seconds} s (an empty store starts in ${first.seconds} s)`);
    }
    const offline = Math.max(1, options.enrolled - options.live);
    return {
      store,
      enrolled: options.enrolled,
      live: options.live,
      enrollSeconds,
      serverBytesPerOfflineDevice: Math.round(keptPerOffline),
      serverRssBytesPerOfflineDevice: Math.round((enrolled - live) / offline),
      serverRssBytes: { idle, live, enrolled },
      listing,
      reopen,
    };
  } finally {
    for (const child of children.reverse()) await child.kill();
    await removeStoreFiles(storeEnv, log);
  }
}

export async function runTenantScale(options: TenantOptions): Promise<TenantResult> {
  const outDir = resolve(options.outDir); // relative to where the command runs
  const scratchDir = join(outDir, 'tmp');
  await mkdir(scratchDir, { recursive: true });
  const startedAt = new Date().toISOString();
  const runs: TenantRun[] = [];
  for (const store of options.stores) runs.push(await runTenantStore(store, options, scratchDir));
  return {
    startedAt,
    source: { revision: sourceRevision(), runtime: CHILD_RUNTIME },
    serverEnv: { ...BENCH_SERVER_ENV },
    pageSize: INTUNE_PAGE_SIZE,
    runs,
  };
}

export function tenantMarkdown(result: TenantResult): string {
  const kb = (bytes: number) => (bytes / 1024).toFixed(2);
  const rows: Array<[string, (run: TenantRun) => string]> = [
    ['devices enrolled (live)', (run) => `${run.enrolled} (${run.live})`],
    ['enroll every device (s)', (run) => String(run.enrollSeconds)],
    [
      'server memory kept per offline device (KB, heap after a full GC; target <= 2)',
      (run) => kb(run.serverBytesPerOfflineDevice),
    ],
    [
      'server RSS growth per offline device (KB, garbage and heap headroom included)',
      (run) => kb(run.serverRssBytesPerOfflineDevice),
    ],
    [
      'server RSS idle / live / all enrolled (MB)',
      (run) =>
        [run.serverRssBytes.idle, run.serverRssBytes.live, run.serverRssBytes.enrolled]
          .map((bytes) => (bytes / 1024 / 1024).toFixed(1))
          .join(' / '),
    ],
    [
      `Graph pages of ${result.pageSize} / devices listed`,
      (run) => `${run.listing.pages} / ${run.listing.devices}`,
    ],
    ['list every device (s)', (run) => String(run.listing.seconds)],
    ['pages per second', (run) => String(run.listing.pagesPerSecond)],
    ['slowest page (ms)', (run) => String(run.listing.slowestPageMs)],
    ['store on disk (MB)', (run) => (run.reopen ? (run.reopen.storeBytes / 1024 / 1024).toFixed(1) : 'n/a')],
    ['reopen: start to every device served (s)', (run) => (run.reopen ? String(run.reopen.seconds) : 'n/a')],
    [
      'same start with an empty store (s)',
      (run) => (run.reopen ? String(run.reopen.emptyStartSeconds) : 'n/a'),
    ],
  ];
  return [
    `# mdmsim tenant scale, ${result.runs[0]?.enrolled ?? 0} enrolled devices`,
    '',
    `${result.startedAt}, ${codeMeasured(result.source)}; server environment ${Object.entries(
      result.serverEnv,
    )
      .map(([key, value]) => `${key}=${value}`)
      .join(
        ' ',
      )}. Offline devices are fleet entries with \`online: false\`: enrolled once, then holding no socket.`,
    '',
    `| figure | ${result.runs.map((run) => `mdmsim (${run.store})`).join(' | ')} |`,
    `| --- | ${result.runs.map(() => '---:').join(' | ')} |`,
    ...rows.map(([label, value]) => `| ${label} | ${result.runs.map(value).join(' | ')} |`),
    '',
  ].join('\n');
}
