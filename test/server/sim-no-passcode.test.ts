// The temporary passcode is Graph's, for the admin: no simulator view or event ever carries it.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { adminClient, simRequest, temporaryPasscode } from '../support/admin-client.js';

describe('no temporary passcode on the simulator API', () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({
      fleet: {
        devices: [
          { name: 'galaxy', enrollment: 'androidDeviceAdministrator', osVersion: '6.0', passcode: '1111' },
        ],
      },
    });
  });
  afterAll(() => sim.close());

  it('keeps it out of /sim/devices, /sim/devices/{id} and /sim/events while Graph shows it', async () => {
    const id = sim.deviceId('galaxy');
    let streamed = '';
    let subscribed: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      subscribed = resolve;
    });
    const done = new Promise<void>((resolve, reject) => {
      const req = http.get(
        `${sim.url}/sim/events`,
        { headers: { authorization: `Bearer ${sim.simToken}` } },
        (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            streamed += chunk;
            if (streamed.includes('event: clock')) subscribed();
            if (/"state":"done"/.test(streamed)) {
              req.destroy();
              resolve();
            }
          });
        },
      );
      req.on('error', reject);
    });
    await ready;
    await adminClient(sim).resetPasscode(id).expect(204);
    await done;
    const passcode = await temporaryPasscode(sim, id);
    expect(passcode).toMatch(/^\d{6}$/);

    const list = await simRequest(sim).get('/sim/devices').expect(200);
    const one = await simRequest(sim).get(`/sim/devices/${id}`).expect(200);
    expect(one.body.latestAction.state).toBe('done');
    for (const text of [streamed, list.text, one.text]) {
      expect(text).not.toContain(`"${passcode}"`);
      expect(text).not.toContain('"passcode"');
    }
  });
});
