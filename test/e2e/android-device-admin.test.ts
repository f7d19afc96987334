// The seed's Android device administrator statements: 6.x and earlier get a new passcode, 7.0 and later are refused.
import { describe, expect, it } from 'vitest';
import { adminClient, deviceUser, simRequest, temporaryPasscode } from '../support/admin-client.js';
import { storeBackends } from '../support/store-backends.js';
import { useSimulation } from '../support/use-simulation.js';

describe.each(storeBackends)(
  'Android device administrator Reset passcode (%s store)',
  (_store, storeLocation) => {
    const sim = useSimulation({
      store: storeLocation(),
      fleet: {
        devices: [
          { name: 'admin-6', enrollment: 'androidDeviceAdministrator', osVersion: '6.0.1', passcode: '1111' },
          { name: 'admin-7', enrollment: 'androidDeviceAdministrator', osVersion: '7.0', passcode: '2222' },
        ],
      },
    });

    it('replaces the passcode of a 6.x device with a new one and locks it', async () => {
      const id = sim.deviceId('admin-6');
      const user = deviceUser(sim, id);
      await user.act({ type: 'unlock', passcode: '1111' }).expect(200);
      await adminClient(sim).resetPasscode(id).expect(204);
      await sim.waitForAction(id, (a) => a.state === 'done');
      const passcode = await temporaryPasscode(sim, id);
      expect(passcode).toMatch(/^\d{6}$/);
      await sim.waitForDevice(id, (d) => d.state.locked);
      await user.act({ type: 'unlock', passcode: '1111' }).expect(409);
      const home = await user.act({ type: 'unlock', passcode }).expect(200);
      expect(home.body.state.screen.view).toBe('home');
    });

    it('counts the answer to a reset as a check-in, even when the screen did not change', async () => {
      const id = sim.deviceId('admin-6');
      // Locked before, locked after: the reset leaves the screen as it was, so its answer carries no new state.
      await deviceUser(sim, id).act({ type: 'lock' }).expect(200);
      const lastSync = async () =>
        (
          await adminClient(sim)
            .get(`/deviceManagement/managedDevices/${id}?$select=lastSyncDateTime`)
            .expect(200)
        ).body.lastSyncDateTime as string;
      const before = await lastSync();
      sim.advanceClock(60_000);
      await adminClient(sim).resetPasscode(id).expect(204);
      await sim.waitForAction(id, (a) => a.state === 'done');
      expect(Date.parse(await lastSync())).toBeGreaterThanOrEqual(Date.parse(before) + 60_000);
    });

    it('refuses the action for 7.0 and later: 400 BadRequest, recorded as not supported, never sent', async () => {
      const id = sim.deviceId('admin-7');
      const response = await adminClient(sim).resetPasscode(id).expect(400);
      expect(response.body.error).toMatchObject({ code: 'BadRequest' });
      // Intune's 400 says only "An error has occurred"; the reason is on the simulator API (the console shows it).
      expect(JSON.parse(response.body.error.message).Message).toMatch(/^An error has occurred - /);
      const simDevice = await simRequest(sim).get(`/sim/devices/${id}`).expect(200);
      expect(simDevice.body.removePasscode.reason).toContain('Android device administrator 7.0 and later');
      expect(sim.latestAction(id)?.state).toBe('notSupported');
      expect(sim.app.services.actions.latestFor(id)?.passcode).toBeNull();
      expect(sim.device(id).state.passcodeSet).toBe(true);
    });
  },
);
