// The client's warm-up: every target's requests go through the whole client path, and a broken path fails loudly.
import { describe, expect, it } from 'vitest';
import { bareTarget, mdmsimTarget } from '../../bench/benchmark.js';
import { WARM_UP_RESETS, warmUpDriver } from '../../bench/driver-warm-up.js';
import type { Target } from '../../bench/load-driver.js';

const options = { batchSize: 20, concurrentBatches: 8, deadline: performance.now() + 120_000 };

/** The benchmark's own targets, counting the ids they send. */
function counting(target: (baseUrl: string) => Target, sent: string[]) {
  return (baseUrl: string): Target => {
    const real = target(baseUrl);
    return {
      ...real,
      sendBatch: (ids) => {
        sent.push(...ids);
        return real.sendBatch(ids);
      },
    };
  };
}

describe("the benchmark client's warm-up", () => {
  it("resets the made-up devices through each target's own requests, Graph's and the baseline's", async () => {
    const graph: string[] = [];
    const bare: string[] = [];
    await warmUpDriver(
      [
        counting((baseUrl) => mdmsimTarget(baseUrl, { admin: 'admin-token', sim: 'sim-token' }, 1), graph),
        counting(bareTarget, bare),
      ],
      options,
    );
    expect(graph).toHaveLength(WARM_UP_RESETS);
    expect(bare).toHaveLength(WARM_UP_RESETS);
    expect(new Set([...graph, ...bare]).size).toBe(2 * WARM_UP_RESETS);
  });

  it('fails when a target sees its resets refused rather than done', async () => {
    const refusing = (baseUrl: string): Target => ({
      baseUrl,
      eventsPath: '/events',
      eventsHeaders: {},
      sendBatch: async (ids) => ids.length,
    });
    await expect(warmUpDriver([refusing], options)).rejects.toThrow(
      `the client's warm-up saw 0 of ${WARM_UP_RESETS} resets done`,
    );
  });
});
