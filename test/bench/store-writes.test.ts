// The store-writes replay runs every action to its end on both stores and says what each wrote.
import { describe, expect, it } from 'vitest';
import { measureStoreWrites, type ReplayCost } from '../../bench/store-writes.js';

describe('npx tsx bench/store-writes.ts', () => {
  it('leaves every action done and no command queued, on each store in turn, and counts what SQLite wrote', async () => {
    const replays: Array<{ round: number; store: string; cost: ReplayCost }> = [];
    // 23 per commit over 100 devices: the last commit is short, and its actions must still be sent and answered.
    await measureStoreWrites({
      devices: 100,
      perCommit: 23,
      rounds: 2,
      onReplay: (round, store, cost) => replays.push({ round, store, cost }),
    });
    expect(replays.map(({ round, store }) => `${round} ${store}`)).toEqual([
      '1 memory',
      '1 sqlite',
      '2 sqlite',
      '2 memory',
    ]);
    for (const { cost } of replays) {
      expect(cost).toMatchObject({ done: 100, queuedLeft: 0 });
      expect(cost.cpuMicros).toBeGreaterThan(0);
    }
    if (process.platform === 'linux') {
      // Each action's rows and the device's, a page or more of WAL each, then the checkpoint at close.
      for (const { cost } of replays.filter(({ store }) => store === 'sqlite')) {
        expect(cost.bytes).toBeGreaterThan(4096);
      }
    }
  });
});
