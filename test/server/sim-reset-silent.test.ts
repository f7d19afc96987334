// POST /sim/reset names the devices that never reported their starting state, rather than passing them off as reset.
import { expect, it } from 'vitest';
import { startSimulation } from '../../runner/simulation.js';
import { enrollRawDevice } from '../support/raw-device.js';

const fleet = {
  devices: [{ name: 'phone', enrollment: 'androidDeviceAdministrator', osVersion: '6.0', passcode: '1234' }],
};

it('answers with the devices that did not report their starting state in time as silent', async () => {
  const sim = await startSimulation({ fleet, inputTimeoutMs: 300 });
  try {
    const agent = sim.fleet.agents[0];
    if (!agent) throw new Error('no agent');
    const { id: hungId, device: hung } = await enrollRawDevice(sim, agent, { fleet: 'hung' });

    const response = await fetch(`${sim.url}/sim/reset`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.simToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    const outcome = (await response.json()) as { reset: string[]; offline: string[]; silent: string[] };
    // Both were sent the reset; the real agent reported its state, the hand-driven socket never does.
    expect(outcome.reset).toEqual(expect.arrayContaining([hungId, sim.deviceId('phone')]));
    expect(outcome.offline).toEqual([]);
    expect(outcome.silent).toEqual([hungId]);
    await hung.next('reset');
    await hung.close();
  } finally {
    await sim.close();
  }
});
