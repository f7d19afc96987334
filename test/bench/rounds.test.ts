// Rounds: the order each round measures in, the round the report shows, and each ratio's median and range.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runBenchmark } from '../../bench/benchmark.js';
import type { Ratios, RoundResult, StoreRun } from '../../bench/benchmark-result.js';
import { REPO_ROOT } from '../../bench/child-process.js';
import { medianRoundIndex, roundOrder, roundsMarkdown, roundsSummary, spreadOf } from '../../bench/rounds.js';
import type { ScenarioResult } from '../../bench/scenario.js';

const run = promisify(execFile);

const NO_RATIOS: Ratios = {
  connectSeconds: null,
  lastDoneSeconds: null,
  p50: null,
  p95: null,
  p99: null,
  max: null,
  serverRssDeltaPerDevice: null,
  agentsRssDeltaPerDevice: null,
  serverCpu: null,
  agentsCpu: null,
  warmLastDoneSeconds: null,
  warmP99: null,
  warmServerCpu: null,
  warmAgentsCpu: null,
};

/** A round with one store run per entry; only ratios and targets matter to what is tested here. */
function round(
  ...runs: Array<{ store: 'memory' | 'sqlite'; ratios: Partial<Ratios>; met: boolean[] }>
): RoundResult {
  const scenario = {} as ScenarioResult;
  return {
    order: ['mdmsim memory', 'bare ws'],
    baseline: scenario,
    runs: runs.map(
      ({ store, ratios, met }): StoreRun => ({
        store,
        result: scenario,
        ratios: { ...NO_RATIOS, ...ratios },
        targets: met.map((isMet, index) => ({ name: `target ${index}`, met: isMet, detail: '' })),
      }),
    ),
  };
}

describe('benchmark rounds', () => {
  it('measures in order, then in reverse, in turns (A B B A)', () => {
    const systems = ['memory', 'sqlite', 'bare'];
    expect(roundOrder(systems, 0)).toEqual(['memory', 'sqlite', 'bare']);
    expect(roundOrder(systems, 1)).toEqual(['bare', 'sqlite', 'memory']);
    expect(roundOrder(systems, 2)).toEqual(['memory', 'sqlite', 'bare']);
    expect(systems).toEqual(['memory', 'sqlite', 'bare']);
  });

  it("shows the round whose first store's last done is the median; one without it counts as the slowest", () => {
    const last = (lastDoneSeconds: number | null) =>
      round({ store: 'memory', ratios: { lastDoneSeconds }, met: [] });
    expect(medianRoundIndex([last(2.5), last(1.5), last(2.0)])).toBe(2);
    expect(medianRoundIndex([last(1.9)])).toBe(0);
    // Of an even count, the slower of the two middle ones: the round shown never flatters.
    expect(medianRoundIndex([last(3), last(1), last(2), last(4)])).toBe(0);
    expect(medianRoundIndex([last(1.9), last(2.1)])).toBe(1);
    // A round cut off (no ratio) ranks last: the median of these is the slower of the two that finished.
    expect(medianRoundIndex([last(null), last(1.2), last(1.4)])).toBe(2);
  });

  it("gives each store's ratios their median and range, skipping rounds without the figure, and counts targets met", () => {
    const rounds = [
      round(
        { store: 'memory', ratios: { lastDoneSeconds: 2.5, p99: 3 }, met: [true, false] },
        { store: 'sqlite', ratios: { lastDoneSeconds: 3.1 }, met: [true, false] },
      ),
      round(
        { store: 'memory', ratios: { lastDoneSeconds: 1.5, p99: null }, met: [true, true] },
        { store: 'sqlite', ratios: { lastDoneSeconds: 2.9 }, met: [true, false] },
      ),
      round(
        { store: 'memory', ratios: { lastDoneSeconds: 2.0, p99: 1 }, met: [true, true] },
        { store: 'sqlite', ratios: { lastDoneSeconds: 3.3 }, met: [false, false] },
      ),
    ];
    const [memory, sqlite] = spreadOf(rounds);
    expect(memory?.store).toBe('memory');
    expect(memory?.ratios.lastDoneSeconds).toEqual({ median: 2.0, min: 1.5, max: 2.5 });
    // Of an even count of figures, the mean of the two middle ones.
    expect(memory?.ratios.p99).toEqual({ median: 2, min: 1, max: 3 });
    expect(memory?.ratios.serverCpu).toEqual({ median: null, min: null, max: null });
    expect(memory?.targetsMet).toEqual([
      { name: 'target 0', rounds: 3 },
      { name: 'target 1', rounds: 2 },
    ]);
    expect(sqlite?.ratios.lastDoneSeconds).toEqual({ median: 3.1, min: 2.9, max: 3.3 });
    expect(sqlite?.targetsMet).toEqual([
      { name: 'target 0', rounds: 2 },
      { name: 'target 1', rounds: 0 },
    ]);

    const spread = spreadOf(rounds);
    const markdown = roundsMarkdown(rounds, medianRoundIndex(rounds), spread);
    expect(markdown).toContain('## 3 rounds');
    expect(markdown).toContain('round 3, whose memory store');
    expect(markdown).toContain('| **3** (shown above) |');
    expect(markdown).toContain('| median |  | n/a | 2x | 2x |');
    expect(markdown).toContain('| range |  | n/a | 1.5-2.5x | 1-3x |');
    expect(markdown).toContain('| target 1 | 2 of 3 | 0 of 3 |');
    expect(roundsSummary(3, spread)).toContain('memory: connect n/a (n/a), last done 2x (1.5-2.5x)');
  });

  it('refuses a store named twice before it starts anything, as a function too', async () => {
    // A folder of its own: a fixed name could be left by an earlier run that did start.
    const parent = await mkdtemp(join(tmpdir(), 'mdmsim-rounds-'));
    const outDir = join(parent, 'never-written');
    try {
      await expect(runBenchmark({ devices: 10, stores: ['memory', 'memory'], outDir })).rejects.toThrow(
        '--store names each store once; not "memory,memory".',
      );
      expect(existsSync(outDir)).toBe(false);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('refuses a round count it cannot run, --rounds with the tenant or growth runs, and a store named twice', async () => {
    const tsx = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    for (const [args, message] of [
      [['--rounds', '0'], '--rounds takes a whole number from 1 to 9; not "0".'],
      [['--rounds', '2.5'], '--rounds takes a whole number from 1 to 9; not "2.5".'],
      [['--rounds', '10'], '--rounds takes a whole number from 1 to 9; not "10".'],
      [['--rounds', '2', '--tenant', '100'], '--rounds repeats the live benchmark'],
      [['--rounds', '2', '--growth'], '--rounds repeats the live benchmark'],
      [['--store', 'memory,memory'], '--store names each store once; not "memory,memory".'],
    ] as const) {
      // A refusal comes at once; a run that started instead is stopped (and takes its children with it).
      const failed = await run(process.execPath, [tsx, 'bench/run.ts', ...args], {
        cwd: REPO_ROOT,
        timeout: 30_000,
      }).then(
        () => null,
        (error: { code?: number; stderr?: string }) => error,
      );
      expect(failed?.code).toBe(2);
      expect(failed?.stderr).toContain(message);
    }
  });
});
