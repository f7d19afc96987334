// The client's warm-up: every target's requests go through the whole client path, and a broken path fails loudly.
import { describe, expect, it } from 'vitest';
import { WARM_UP_RESETS, warmUpDriver } from '../../bench/driver-warm-up.js';
import type { Target } from '../../bench/load-driver.js';

const options = { batchSize: 20, concurrentBatches: 8, deadline: performance.now() + 120_000 };

/** A target as the benchmark's, posting `body(ids)` to `path`; counts the ids it sent. */
function countingTarget(path: string, body: (ids: readonly string[]) => unknown, sent: string[]) {
  return (baseUrl: string): Target => ({
    baseUrl,
    eventsPath: '/events',
    eventsHeaders: {},
    async sendBatch(ids) {
      sent.push(...ids);
      const response = await fetch(`${baseUrl}${path}`, { method: 'POST', body: JSON.stringify(body(ids)) });
      const answer = (await response.json()) as { responses: Array<{ status: number }> };
      return answer.responses.filter((item) => item.status !== 204).length;
    },
  });
}

describe("the benchmark client's warm-up", () => {
  it("resets the made-up devices through each target's own requests, Graph's and the baseline's", async () => {
    const graph: string[] = [];
    const bare: string[] = [];
    await warmUpDriver(
      [
        countingTarget(
          '/v1.0/$batch',
          (ids) => ({
            requests: ids.map((id, index) => ({
              id: String(index + 1),
              method: 'POST',
              url: `/deviceManagement/managedDevices/${id}/resetPasscode`,
            })),
          }),
          graph,
        ),
        countingTarget('/batch', (ids) => ({ ids }), bare),
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
