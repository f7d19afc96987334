// One simulation per test file: started before its tests, closed after them, on free ports with real agents.
import { afterAll, beforeAll } from 'vitest';
import { type Simulation, type SimulationOptions, startSimulation } from '../../runner/simulation.js';

/**
 * Starts the simulation in `beforeAll` and closes it in `afterAll`. The returned object stands for the running
 * simulation: read it inside tests and hooks (not at the top of the file, before it has started).
 */
export function useSimulation(options: SimulationOptions): Simulation {
  let running: Simulation | undefined;
  beforeAll(async () => {
    running = await startSimulation(options);
  });
  afterAll(async () => {
    await running?.close();
    running = undefined;
  });
  return new Proxy({} as Simulation, {
    get(_target, key) {
      if (!running)
        throw new Error(`useSimulation: read sim.${String(key)} inside a test, once it has started.`);
      return Reflect.get(running, key);
    },
  });
}
