// POST /sim/reset: devices, actions, audits and the clock's speed back to the fleet's start, so a demo can run again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { adminClient, deviceUser, simRequest } from '../support/admin-client.js';

describe('simulator reset', () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({
      fleet: {
        devices: [
          {
            name: 'iphone',
            enrollment: 'iosDeviceEnrollment',
            osVersion: '17.4',
            passcode: '123456',
            policy: { passcodeRequired: true, minLength: 6 },
          },
          {
            name: 'inactive',
            enrollment: 'androidWorkProfile',
            osVersion: '8.1',
            passcode: '135790',
            policy: { passcodeRequired: true, minLength: 6 },
          },
          {
            name: 'pixel',
            enrollment: 'androidWorkProfile',
            osVersion: '9.0',
            passcode: '135790',
            policy: { passcodeRequired: true, minLength: 6 },
            resetTokenActivated: true,
          },
        ],
      },
    });
  });
  afterAll(() => sim.close());

  const removeAndWait = async (name: string) => {
    const id = sim.deviceId(name);
    await adminClient(sim, 'beta').resetPasscode(id).expect(204);
    await sim.waitForAction(id, (action) => action.state === 'done');
    return id;
  };

  it('puts every device, action, audit and the clock speed back, and the same demo runs again', async () => {
    const admin = adminClient(sim, 'beta');
    for (let run = 1; run <= 2; run++) {
      const iphone = await removeAndWait('iphone');
      await deviceUser(sim, iphone).act({ type: 'unlock' }).expect(200);
      expect(sim.device(iphone).state.screen.view).toBe('passcodeRequirement');
      const pixel = await removeAndWait('pixel');
      expect(sim.device(pixel).state).toMatchObject({ locked: false, workProfileLocked: true });
      await simRequest(sim).post('/sim/clock').send({ speed: 60 }).expect(200);
      const audits = (await admin.get('/deviceManagement/remoteActionAudits').expect(200)).body.value;
      expect(audits).toHaveLength(2);

      const reset = await simRequest(sim).post('/sim/reset').send({}).expect(200);
      expect(reset.body).toMatchObject({ offline: [], unknown: [], silent: [], clock: { speed: 0 } });
      expect(reset.body.reset).toHaveLength(3);
      expect(sim.device(iphone)).toMatchObject({
        latestAction: null,
        state: { screen: { view: 'lockScreen' }, passcodeSet: true, prompt: null, compliant: true },
      });
      expect(sim.device(pixel).state).toMatchObject({ workProfileLocked: false, resetToken: 'active' });
      expect((await admin.get('/deviceManagement/remoteActionAudits').expect(200)).body.value).toEqual([]);
      const device = (await admin.get(`/deviceManagement/managedDevices/${iphone}`).expect(200)).body;
      expect(device.deviceActionResults).toEqual([]);
    }
  });

  it('resets only the devices asked for, and names ids it does not know', async () => {
    const iphone = await removeAndWait('iphone');
    const pixel = await removeAndWait('pixel');
    const reset = await simRequest(sim)
      .post('/sim/reset')
      .send({ deviceIds: [pixel, 'no-such-device'] })
      .expect(200);
    expect(reset.body).toMatchObject({ reset: [pixel], unknown: ['no-such-device'] });
    expect(sim.latestAction(pixel)).toBeNull();
    expect(sim.latestAction(iphone)?.state).toBe('done');
    expect(sim.device(iphone).state.passcodeSet).toBe(false);
  });

  it('puts an activated reset token back to inactive, with its notification', async () => {
    const id = sim.deviceId('inactive');
    const user = deviceUser(sim, id);
    await user.act({ type: 'tapNotification', notificationId: 'secureWorkProfile' }).expect(200);
    await user.act({ type: 'enterPasscode', passcode: '135790' }).expect(200);
    expect(sim.device(id).state.resetToken).toBe('active');
    await simRequest(sim)
      .post('/sim/reset')
      .send({ deviceIds: [id] })
      .expect(200);
    expect(sim.device(id).state).toMatchObject({
      resetToken: 'inactive',
      notifications: [{ id: 'secureWorkProfile' }],
    });
    await adminClient(sim, 'beta').resetPasscode(id).expect(204);
    expect((await sim.waitForAction(id, (action) => action.state === 'failed')).errorCode).toBe(2001);
  });

  it('validates the body', async () => {
    const bad = await simRequest(sim).post('/sim/reset').send({ deviceIds: [] }).expect(400);
    expect(bad.body.error.code).toBe('BadRequest');
    await simRequest(sim).post('/sim/reset').send({ everything: true }).expect(400);
  });

  it('takes a request without a body as a reset of every device', async () => {
    const iphone = await removeAndWait('iphone');
    // As `curl -X POST …/sim/reset` sends it: no content type, no body.
    const response = await fetch(`${sim.url}/sim/reset`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.simToken}` },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { reset: string[] }).reset).toContain(iphone);
    expect(sim.latestAction(iphone)).toBeNull();
    // And with a JSON content type but still no body, as clients that always set the header send it.
    const typed = await fetch(`${sim.url}/sim/reset`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.simToken}`, 'content-type': 'application/json' },
    });
    expect(typed.status).toBe(200);
  });
});
