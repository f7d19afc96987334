// The benchmark reads a process's CPU from /proc, its main thread apart from the threads beside it.
import { isMainThread, Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  offMainThreadCpuSeconds,
  type ProcessSample,
  sampleProcess,
  sumSamples,
} from '../../bench/child-process.js';

/** A thread beside the main one that burns a few hundred ms of CPU on arithmetic, then ends. */
function busyThread(iterations: number): Promise<void> {
  const worker = new Worker(
    `let x = 0; for (let i = 0; i < ${iterations}; i++) x = (x + i * 7) % 1000003; require('node:worker_threads').parentPort.postMessage(x);`,
    { eval: true },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the busy thread exited (${code}) without its answer`)));
  });
}

const sampleOfThisProcess = (): ProcessSample => {
  const sample = sampleProcess(process.pid);
  if (!sample) throw new Error('no /proc sample of this process');
  return sample;
};

const sample = (cpuSeconds: number, mainThreadCpuSeconds: number): ProcessSample => ({
  rssBytes: 1,
  cpuSeconds,
  mainThreadCpuSeconds,
  openFiles: 1,
});

describe('process samples', () => {
  it("tell a worker thread's CPU from the main thread's", async () => {
    // vitest runs test files in forked processes: this test runs on its process's main thread.
    expect(isMainThread).toBe(true);
    const before = sampleOfThisProcess();
    expect(before.mainThreadCpuSeconds).toBeGreaterThan(0);
    expect(before.mainThreadCpuSeconds).toBeLessThanOrEqual(before.cpuSeconds);
    await busyThread(300_000_000);
    const after = sampleOfThisProcess();
    // The worker's loop ran on its own thread while the main thread waited for its message.
    const offMain = offMainThreadCpuSeconds(before, after);
    expect(offMain).toBeGreaterThan(0.1);
    expect(after.mainThreadCpuSeconds - before.mainThreadCpuSeconds).toBeLessThan(offMain);
  });

  it('count off the main thread what the process spent beyond its main thread, never below zero', () => {
    expect(offMainThreadCpuSeconds(sample(2, 1.5), sample(3.2, 2))).toBeCloseTo(0.7);
    expect(offMainThreadCpuSeconds(sample(2, 1.5), sample(3, 2.5))).toBe(0);
    // The kernel rounds the two counts down separately: a difference just below zero is none.
    expect(offMainThreadCpuSeconds(sample(2, 1.5), sample(2.5, 2.01))).toBe(0);
  });

  it('add up over processes, main threads too', () => {
    expect(sumSamples([sample(2, 1.5), sample(2, 1.5)])).toEqual({
      rssBytes: 2,
      cpuSeconds: 4,
      mainThreadCpuSeconds: 3,
      openFiles: 2,
    });
  });

  it('is null for a process that is gone', () => {
    expect(sampleProcess(2 ** 22 + 12_345)).toBeNull();
  });
});
