// Growth: the same benchmark at several sizes, so time and memory per device can be seen to stay flat (or not).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runBenchmark } from './benchmark.js';
import type { BenchmarkResult } from './benchmark-result.js';
import { CHILD_RUNTIME, sourceRevision } from './child-process.js';
import { codeMeasured } from './report.js';
import type { StoreKind } from './stores.js';
import { runTenantScale, type TenantResult } from './tenant-scale.js';

export const GROWTH_LIVE_SIZES = [1_000, 5_000, 10_000, 19_000];
export const GROWTH_TENANT_SIZES = [10_000, 100_000];
/** Live devices in each tenant run: the rest are enrolled and offline. */
export const TENANT_LIVE_SHARE = 0.01;

export interface GrowthOptions {
  live: number[];
  tenants: number[];
  stores: StoreKind[];
  outDir: string;
  log?: (line: string) => void;
}

export interface GrowthResult {
  startedAt: string;
  /** The commit measured and how the children ran it, as in the benchmark's report. */
  source: Pick<BenchmarkResult['source'], 'revision' | 'runtime'>;
  live: BenchmarkResult[];
  tenants: TenantResult[];
}

export async function runGrowth(options: GrowthOptions): Promise<GrowthResult> {
  const outDir = resolve(options.outDir); // relative to where the command runs
  await mkdir(outDir, { recursive: true });
  const startedAt = new Date().toISOString();
  const live: BenchmarkResult[] = [];
  for (const devices of options.live) {
    options.log?.(`[growth] ${devices} live devices`);
    live.push(
      await runBenchmark({
        devices,
        stores: options.stores,
        // Each size writes its own latest.* beside its scratch files; growth.* sums them up.
        outDir: join(outDir, 'tmp', `growth-${devices}`),
        timeoutMs: 20 * 60_000,
        ...(options.log ? { log: options.log } : {}),
      }),
    );
  }
  const tenants: TenantResult[] = [];
  for (const enrolled of options.tenants) {
    options.log?.(`[growth] tenant of ${enrolled} enrolled devices`);
    tenants.push(
      await runTenantScale({
        enrolled,
        live: Math.round(enrolled * TENANT_LIVE_SHARE),
        stores: options.stores,
        outDir,
        ...(options.log ? { log: options.log } : {}),
      }),
    );
  }
  const source = { revision: sourceRevision(), runtime: CHILD_RUNTIME };
  const result: GrowthResult = { startedAt, source, live, tenants };
  await writeFile(join(outDir, 'growth.json'), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(join(outDir, 'growth.md'), growthMarkdown(result));
  return result;
}

export function growthMarkdown(result: GrowthResult): string {
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const lines = [
    '# mdmsim growth',
    '',
    `${result.startedAt}, ${codeMeasured(result.source)}. Per-device figures should stay flat as the fleet grows; MDMSIM_THROTTLING=off throughout.`,
    '',
    '| live devices | store | agents processes | connect (ms per 1,000) | last done (ms per 1,000 actions) | p99 (ms) | server CPU per action (µs) | server KB per device | agents KB per device | server open files | ratio last done / p99 vs bare ws |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const run of result.live) {
    for (const storeRun of run.runs) {
      const r = storeRun.result;
      const per1000 = (seconds: number, count: number) =>
        Math.round((seconds * 1000 * 1000) / Math.max(1, count));
      lines.push(
        `| ${run.devices} | ${storeRun.store} | ${run.agentsProcesses} | ${per1000(r.connectSeconds, r.connected)} | ${per1000(r.reset.lastDoneSeconds, r.reset.done)} | ${r.reset.latency.p99Ms} | ${Math.round((r.server.cpuSeconds.reset / Math.max(1, r.reset.done)) * 1e6)} | ${kb(r.server.rssDeltaPerDeviceBytes)} | ${kb(r.agents.rssDeltaPerDeviceBytes)} | ${r.server.openFilesConnected} | ${storeRun.ratios.lastDoneSeconds ?? 'n/a'}x / ${storeRun.ratios.p99 ?? 'n/a'}x |`,
      );
    }
  }
  lines.push(
    '',
    '| enrolled | live | store | enroll (ms per 1,000) | server KB per offline device | pages | list all (s) | pages/s | reopen (s) |',
    '| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const tenant of result.tenants) {
    for (const run of tenant.runs) {
      lines.push(
        `| ${run.enrolled} | ${run.live} | ${run.store} | ${Math.round((run.enrollSeconds * 1000 * 1000) / run.enrolled)} | ${(run.serverBytesPerOfflineDevice / 1024).toFixed(2)} | ${run.listing.pages} | ${run.listing.seconds} | ${run.listing.pagesPerSecond} | ${run.reopen ? run.reopen.seconds : 'n/a'} |`,
      );
    }
  }
  lines.push('');
  return lines.join('\n');
}
