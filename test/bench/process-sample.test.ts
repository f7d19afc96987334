// The benchmark reads a process's CPU from /proc, its main thread apart from the threads beside it.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { sampleProcess, sumSamples } from '../../bench/child-process.js';

/** A thread beside the main one that burns about `iterations` of arithmetic, then ends. */
function busyThread(iterations: number): Promise<void> {
  const worker = new Worker(
    `let x = 0; for (let i = 0; i < ${iterations}; i++) x = (x + i * 7) % 1000003; require('node:worker_threads').parentPort.postMessage(x);`,
    { eval: true },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
}

describe('process samples', () => {
  it('count CPU spent off the main thread apart from the main thread', async () => {
    const before = sampleProcess(process.pid);
    if (!before) throw new Error('no /proc sample of this process');
    expect(before.mainThreadCpuSeconds).toBeGreaterThan(0);
    expect(before.mainThreadCpuSeconds).toBeLessThanOrEqual(before.cpuSeconds);
    await busyThread(300_000_000);
    const after = sampleProcess(process.pid);
    if (!after) throw new Error('no /proc sample of this process');
    const offMain = (sample: typeof after) => sample.cpuSeconds - sample.mainThreadCpuSeconds;
    // The worker's loop (a few hundred ms of CPU) ran on its own thread: the main thread waited for its message.
    expect(offMain(after) - offMain(before)).toBeGreaterThan(0.1);
    expect(after.mainThreadCpuSeconds - before.mainThreadCpuSeconds).toBeLessThan(
      offMain(after) - offMain(before),
    );
  });

  it('add up over processes, main threads too', () => {
    const one = { rssBytes: 10, cpuSeconds: 2, mainThreadCpuSeconds: 1.5, openFiles: 3 };
    expect(sumSamples([one, one])).toEqual({
      rssBytes: 20,
      cpuSeconds: 4,
      mainThreadCpuSeconds: 3,
      openFiles: 6,
    });
  });

  it('is null for a process that is gone', () => {
    expect(sampleProcess(2 ** 22 + 12_345)).toBeNull();
  });
});
