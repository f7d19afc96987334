// Regression: a device taken offline over the simulator API (without a duration) can be brought back over it, and
// an offline spell with a duration ends when the simulated clock, moved over the API, passes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { simRequest } from '../support/admin-client.js';

describe('offline and online over the simulator API', () => {
  let sim: Simulation;
  let id: string;
  beforeAll(async () => {
    sim = await startSimulation({
      fleet: {
        devices: [{ name: 'ipad', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '2468' }],
      },
    });
    id = sim.deviceId('ipad');
  });
  afterAll(() => sim.close());

  it('brings back a device taken offline without a duration (202, connected again)', async () => {
    await simRequest(sim).post(`/sim/devices/${id}/faults`).send({ kind: 'offline' }).expect(202);
    await sim.waitForDevice(id, (d) => !d.connected);
    await simRequest(sim).post(`/sim/devices/${id}/faults`).send({ kind: 'online' }).expect(202);
    await sim.waitForDevice(id, (d) => d.connected);
  });

  it('ends an offline spell when the clock moved over the API passes it', async () => {
    await simRequest(sim)
      .post(`/sim/devices/${id}/faults`)
      .send({ kind: 'offline', forMs: 60_000 })
      .expect(202);
    await sim.waitForDevice(id, (d) => !d.connected);
    await simRequest(sim).post('/sim/clock').send({ advanceMs: 61_000 }).expect(200);
    await sim.waitForDevice(id, (d) => d.connected);
    expect(sim.device(id).connected).toBe(true);
  });
});
