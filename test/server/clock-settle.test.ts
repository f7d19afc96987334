// Regression: POST /sim/clock answers only once every device has fired the timers it crossed and reported its
// state, so what the simulator shows right after is already settled (no real-time wait needed).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSCODE_GRACE_MS } from '../../agents/machines/ios.js';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { adminClient } from '../support/admin-client.js';

const policy = { passcodeRequired: true, minLength: 6 };

describe('settle barrier on clock changes', () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({
      fleet: {
        devices: [
          {
            name: 'ipad',
            enrollment: 'iosDeviceEnrollment',
            osVersion: '17.4',
            passcode: '2468',
            policy,
            count: 8,
          },
        ],
      },
    });
  });
  afterAll(() => sim.close());

  it('shows the iOS prompt enforced in the very next read after the clock crossed its deadline', async () => {
    const ids = sim.fleet.agents.map((agent) => agent.deviceId);
    for (const id of ids) {
      await adminClient(sim).resetPasscode(id).expect(204);
      await sim.waitForDevice(id, (d) => d.state.prompt?.enforced === false);
    }
    // A slow network: every frame from the devices takes 150 ms of real time.
    for (const id of ids) {
      await request(sim.url).post(`/sim/devices/${id}/faults`).send({ kind: 'latency', ms: 150 }).expect(202);
    }
    await request(sim.url)
      .post('/sim/clock')
      .send({ advanceMs: PASSCODE_GRACE_MS + 1_000 })
      .expect(200);
    const views = await Promise.all(ids.map((id) => request(sim.url).get(`/sim/devices/${id}`).expect(200)));
    expect(views.map((view) => view.body.state.prompt?.enforced)).toEqual(ids.map(() => true));
  });

  it('answers at once when no device is connected', async () => {
    await Promise.all(sim.fleet.agents.map((agent) => agent.stop()));
    await Promise.all(
      sim.fleet.agents.map((agent) => sim.waitForDevice(agent.deviceId, (d) => !d.connected)),
    );
    await request(sim.url).post('/sim/clock').send({ advanceMs: 1_000 }).expect(200);
    for (const agent of sim.fleet.agents) agent.resume();
  });
});
