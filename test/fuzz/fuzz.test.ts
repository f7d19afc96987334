// A small fuzz run in every `npm test` (about 2,000 cases); `npm run fuzz` runs 100,000 (test/fuzz/run-fuzz.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { emptyFigures, fuzzFrames, fuzzHttp } from './fuzz-targets.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_130);

describe('fuzzing every frame and body', () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({
      fleet: {
        devices: [
          { name: 'bystander', enrollment: 'androidWorkProfile', osVersion: '9.0', passcode: '13572468' },
          { name: 'iphone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1234' },
        ],
      },
    });
  });
  afterAll(() => sim.close());

  it('answers 1,000 fuzzed HTTP requests below 500, each error with a Graph error body', async () => {
    const figures = emptyFigures();
    await fuzzHttp(sim, 1_000, SEED, figures);
    expect(figures.requests).toBe(1_000);
  }, 120_000);

  it('answers 1,000 cases of fuzzed device frames with a protocol error or a close code, and stays up', async () => {
    const figures = emptyFigures();
    await fuzzFrames(sim, 1_000, SEED, figures);
    expect(figures.frames).toBeGreaterThan(1_000);
  }, 120_000);
});
