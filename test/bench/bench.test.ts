// The benchmark at a tiny size: it runs end to end and its results carry every figure the report promises.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFleet } from '../../agents/fleet/load-fleet.js';
import { benchFleet } from '../../bench/bench-fleet.js';
import { runBenchmark, shardSizes, warmResetFinished } from '../../bench/benchmark.js';
import type { BenchmarkResult } from '../../bench/benchmark-result.js';
import type { ResetResult } from '../../bench/load-driver.js';
import { summaryLine } from '../../bench/report.js';
import { runTenantScale, tenantFleet, tenantMarkdown } from '../../bench/tenant-scale.js';

let outDir = '';

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

const latencyFields = {
  count: expect.any(Number),
  p50Ms: expect.any(Number),
  p95Ms: expect.any(Number),
  p99Ms: expect.any(Number),
  maxMs: expect.any(Number),
};
const processFields = {
  baselineRssBytes: expect.any(Number),
  connectedRssBytes: expect.any(Number),
  rssPerDeviceBytes: expect.any(Number),
  rssDeltaPerDeviceBytes: expect.any(Number),
  cpuSeconds: {
    connect: expect.any(Number),
    reset: expect.any(Number),
    resetOffMainThread: expect.any(Number),
    total: expect.any(Number),
  },
};

describe('benchmark', () => {
  it('spreads the fleet over supported kinds plus a few unsupported ones', () => {
    const fleet = benchFleet(1000, 'f');
    expect(fleet.total).toBe(1000);
    expect(fleet.supportedIds.length).toBeLessThan(1000);
    expect(new Set(fleet.supportedIds).size).toBe(fleet.supportedIds.length);
    const kinds = fleet.spec.devices.map((entry) => entry.enrollment);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'iosDeviceEnrollment',
        'androidWorkProfile',
        'androidDeviceAdministrator',
        'macOS',
      ]),
    );
  });

  it('splits a large fleet over agents processes evenly', () => {
    expect(shardSizes(19_000, 2)).toEqual([9_500, 9_500]);
    expect(shardSizes(10_001, 2)).toEqual([5_001, 5_000]);
    expect(shardSizes(20, 1)).toEqual([20]);
  });

  it('counts a warm reset finished only when it ran to its end, refusals included', () => {
    const warm = (done: number, failed: number, refused: number, timedOut: boolean) => ({
      warmReset: {
        reset: { requested: 20, done, failed, refused, timedOut } as ResetResult,
        restartSeconds: null,
        cpuSeconds: { server: 0, serverOffMainThread: 0, agents: 0 },
      },
    });
    expect(warmResetFinished(warm(20, 0, 0, false))).toBe(true);
    expect(warmResetFinished(warm(15, 2, 3, false))).toBe(true);
    // A refused batch of 20 whose actions went on to finish anyway.
    expect(warmResetFinished(warm(18, 0, 20, false))).toBe(true);
    expect(warmResetFinished(warm(19, 0, 0, false))).toBe(false);
    expect(warmResetFinished(warm(0, 0, 0, true))).toBe(false);
    expect(warmResetFinished(warm(20, 0, 0, true))).toBe(false);
  });

  it('runs mdmsim with each store and the bare-ws baseline at 20 devices and writes the results', {
    timeout: 240_000,
  }, async () => {
    outDir = await mkdtemp(join(tmpdir(), 'mdmsim-bench-'));
    const childLogs = join(outDir, 'children');
    const earlierLogDir = process.env.BENCH_CHILD_LOG_DIR;
    process.env.BENCH_CHILD_LOG_DIR = childLogs;
    const result = await runBenchmark({ devices: 20, outDir, timeoutMs: 200_000 }).finally(() => {
      if (earlierLogDir === undefined) delete process.env.BENCH_CHILD_LOG_DIR;
      else process.env.BENCH_CHILD_LOG_DIR = earlierLogDir;
    });
    // Each child's whole output is kept, a file per process started, numbered in the order they started.
    const logs = (await readdir(childLogs)).sort();
    const named = (name: string) => logs.filter((file) => new RegExp(`^\\d{3}-${name}\\.log$`).test(file));
    expect(named('mdmsim-server-memory')).toHaveLength(1);
    expect(named('mdmsim-server-sqlite')).toHaveLength(1);
    expect(named('bare-ws-server')).toHaveLength(1);
    // Each run (two stores, the baseline) starts its own idle devices process: three files, not one shared.
    expect(named('(mdmsim|bare-ws)-idle-(agents|clients)')).toHaveLength(3);
    // Three runs of a server, an idle devices process and one devices process: nine processes, nine files (ten if a
    // server had to start again on another port).
    expect(logs.length).toBeGreaterThanOrEqual(9);
    expect(result.runs.map((run) => run.store)).toEqual(['memory', 'sqlite']);
    // Each run's SQLite file (with its WAL) is scratch, removed once the run is measured.
    expect((await readdir(join(outDir, 'tmp'))).filter((file) => file.includes('.sqlite'))).toEqual([]);
    // One round unless asked for more: its figures are the result's own, not kept twice.
    expect(result.rounds).toEqual([]);
    expect(result.shownRound).toBe(0);
    expect(result.spread.map((entry) => entry.store)).toEqual(['memory', 'sqlite']);
    expect(result.spread[0]?.ratios.lastDoneSeconds.median).toBe(result.ratios.lastDoneSeconds);
    expect(result.serverEnv).toEqual({ MDMSIM_THROTTLING: 'off' });
    for (const scenario of [...result.runs.map((run) => run.result), result.baseline]) {
      expect(scenario).toMatchObject({
        devices: 20,
        connected: 20,
        connectSeconds: expect.any(Number),
        devicesPerSecond: expect.any(Number),
        reset: { requested: result.supported, latency: latencyFields, lastDoneSeconds: expect.any(Number) },
        server: processFields,
        agents: processFields,
      });
      expect(scenario.reset.done).toBe(result.supported);
      // The warm reset asks every device again, and every one of those actions is done.
      expect(scenario.warmReset.reset).toMatchObject({
        requested: result.supported,
        done: result.supported,
        failed: 0,
        refused: 0,
        latency: latencyFields,
      });
      expect(scenario.warmReset.reset.histogram.counts.reduce((sum, count) => sum + count, 0)).toBe(
        result.supported,
      );
      expect(scenario.warmReset.cpuSeconds.server).toBeGreaterThanOrEqual(0);
      // mdmsim's devices went back to their starting state first; the bare clients keep none.
      if (scenario === result.baseline) expect(scenario.warmReset.restartSeconds).toBeNull();
      else expect(scenario.warmReset.restartSeconds).toEqual(expect.any(Number));
      expect(scenario.warmReset.cpuSeconds.serverOffMainThread).toBeGreaterThanOrEqual(0);
      expect(scenario.warmReset.cpuSeconds.serverOffMainThread).toBeLessThanOrEqual(
        scenario.warmReset.cpuSeconds.server + 0.02,
      );
      expect(scenario.server.baselineRssBytes).toBeGreaterThan(0);
      for (const side of [scenario.server, scenario.agents]) {
        expect(side.cpuSeconds.resetOffMainThread).toBeGreaterThanOrEqual(0);
        // Both counts are good to a tick or two (offMainThreadCpuSeconds).
        expect(side.cpuSeconds.resetOffMainThread).toBeLessThanOrEqual(side.cpuSeconds.reset + 0.02);
      }
      expect(scenario.agents.connectedRssBytes).toBeGreaterThan(0);
    }
    expect(Object.keys(result.ratios)).toEqual(
      expect.arrayContaining(['p99', 'lastDoneSeconds', 'serverRssDeltaPerDevice', 'warmServerCpu']),
    );
    expect(result.targets.map((target) => target.name)).toContain('last done within 1.5x baseline');
    expect(result.mdmsim.reset.histogram.counts.reduce((sum, count) => sum + count, 0)).toBe(
      result.supported,
    );

    const written = JSON.parse(await readFile(join(outDir, 'latest.json'), 'utf8')) as BenchmarkResult;
    expect(written.devices).toBe(20);
    const markdown = await readFile(join(outDir, 'latest.md'), 'utf8');
    expect(markdown).toContain('| latency p99 (ms) |');
    expect(markdown).toContain('| warm reset: server CPU per action (µs) |');
    expect(markdown).toContain('bare ws baseline');
    expect(markdown).toContain('MDMSIM_THROTTLING=off');
    // Which code was measured, so reports can be compared later (a checkout here: its commit).
    expect(written.source.revision).toMatch(/^[0-9a-f]{7,}(\+changes)?$/);
    // Run from the sources here (vitest), so the children ran the TypeScript through tsx, and the report says so.
    expect(written.source.runtime).toBe('tsx');
    expect(markdown).toContain(`code ${written.source.revision} (TypeScript run through tsx);`);
    expect(markdown).toContain(summaryLine(result));
    const chart = await readFile(join(outDir, 'latest.svg'), 'utf8');
    expect(chart).toMatch(/^<svg /);
    expect(chart).toContain('mdmsim (sqlite store)');
    expect(chart.match(/<polyline /g)).toHaveLength(3);
  });

  it('measures every system once per round, in turns, and shows the median round', {
    timeout: 240_000,
  }, async () => {
    const roundsOut = await mkdtemp(join(tmpdir(), 'mdmsim-bench-rounds-'));
    try {
      const result = await runBenchmark({
        devices: 10,
        stores: ['memory'],
        rounds: 2,
        outDir: roundsOut,
        timeoutMs: 200_000,
      });
      expect(result.rounds.map((round) => round.order)).toEqual([
        ['mdmsim memory', 'bare ws'],
        ['bare ws', 'mdmsim memory'],
      ]);
      for (const round of result.rounds) {
        expect(round.runs[0]?.result.reset.done).toBe(result.supported);
        expect(round.baseline.reset.done).toBe(result.supported);
      }
      // The tables show one round whole (its baseline with it), the one whose last done is the median ratio.
      const shown = result.rounds[result.shownRound];
      expect(result.runs).toEqual(shown?.runs);
      expect(result.baseline).toEqual(shown?.baseline);
      const lastDone = result.rounds.map((round) => round.runs[0]?.ratios.lastDoneSeconds ?? Infinity);
      expect(lastDone[result.shownRound]).toBe(Math.max(...lastDone)); // of two, the slower
      expect(result.spread[0]?.ratios.lastDoneSeconds).toEqual({
        median: Math.round(((Math.min(...lastDone) + Math.max(...lastDone)) / 2) * 100) / 100,
        min: Math.min(...lastDone),
        max: Math.max(...lastDone),
      });
      const markdown = await readFile(join(roundsOut, 'latest.md'), 'utf8');
      expect(markdown).toContain('## 2 rounds');
      expect(markdown).toContain(`| **${result.shownRound + 1}** (shown above) |`);
      expect(summaryLine(result)).toContain(
        `round ${result.shownRound + 1} of 2, the median by memory store's last done`,
      );
      expect(summaryLine(result)).toContain('medians over 2 rounds | memory: connect ');
    } finally {
      await rm(roundsOut, { recursive: true, force: true });
    }
  });

  it('declares a tenant as a few live devices and the rest enrolled offline', () => {
    const tenant = tenantFleet(100_000, 1_000, 'acme');
    expect(tenant).toMatchObject({ enrolled: 100_000, live: 1_000 });
    const fleet = parseFleet(tenant.spec, 'tenant');
    const live = fleet.devices.filter((entry) => entry.online).reduce((sum, entry) => sum + entry.count, 0);
    const all = fleet.devices.reduce((sum, entry) => sum + entry.count, 0);
    expect({ live, all }).toEqual({ live: 1_000, all: 100_000 });
  });

  it('enrolls a small tenant, lists it through Graph and reopens its SQLite store', {
    timeout: 240_000,
  }, async () => {
    outDir ||= await mkdtemp(join(tmpdir(), 'mdmsim-bench-'));
    const result = await runTenantScale({
      enrolled: 60,
      live: 4,
      stores: ['sqlite'],
      outDir,
      timeoutMs: 200_000,
    });
    const [run] = result.runs;
    // The durable store was measured (its size, its reopening) and then removed: only results stay behind.
    expect(run?.reopen?.storeBytes).toBeGreaterThan(0);
    expect((await readdir(join(outDir, 'tmp'))).filter((file) => file.includes('.sqlite'))).toEqual([]);
    expect(run).toMatchObject({
      store: 'sqlite',
      enrolled: 60,
      listing: { pages: 1, devices: 60 },
      reopen: { seconds: expect.any(Number), storeBytes: expect.any(Number) },
    });
    expect(run?.serverBytesPerOfflineDevice).toEqual(expect.any(Number));
    expect(tenantMarkdown(result)).toContain('| Graph pages of 1000 / devices listed | 1 / 60 |');
    // Which code, and how its children ran it, as the benchmark's report says.
    expect(result.source.runtime).toBe('tsx');
    expect(tenantMarkdown(result)).toContain(
      `, code ${result.source.revision} (TypeScript run through tsx);`,
    );
  });
});
