// The seed's unsupported list: the action is refused with 400 BadRequest, recorded as notSupported, and never sent.
import { describe, expect, it } from 'vitest';
import { startSimulation } from '../../runner/simulation.js';
import { adminClient, simRequest } from '../support/admin-client.js';
import { enrollRawDevice } from '../support/raw-device.js';
import { storeBackends } from '../support/store-backends.js';
import { useSimulation } from '../support/use-simulation.js';

const unsupported = [
  { name: 'work-profile-6', enrollment: 'androidWorkProfile', osVersion: '6.0', passcode: '123456' },
  { name: 'device-admin-7', enrollment: 'androidDeviceAdministrator', osVersion: '7.1', passcode: '1234' },
  { name: 'device-admin-9', enrollment: 'androidDeviceAdministrator', osVersion: '9.0', passcode: '1234' },
  { name: 'mac', enrollment: 'macOS', osVersion: '14.4', passcode: 'password' },
  { name: 'windows', enrollment: 'windows', osVersion: '10.0.22631', passcode: 'password' },
] as const;

describe.each(storeBackends)('unsupported platforms (%s store)', (_store, storeLocation) => {
  const sim = useSimulation({
    store: storeLocation(),
    fleet: { devices: [...unsupported] },
  });

  it.each(unsupported.map((device) => device.name))(
    '%s: 400 BadRequest, notSupported, nothing sent',
    async (name) => {
      // A device of the same platform whose every received frame is kept, so "nothing sent" is seen, not assumed.
      const agent = sim.fleet.agent(sim.deviceId(name));
      if (!agent) throw new Error(name);
      const { id, device } = await enrollRawDevice(sim, agent, {
        fleet: 'recording',
        deviceName: `${name}-recording`,
      });
      const before = sim.device(id).state;
      const response = await adminClient(sim).resetPasscode(id).expect(400);
      expect(response.body.error.code).toBe('BadRequest');
      expect(JSON.parse(response.body.error.message).Message).toMatch(/^An error has occurred - /);
      expect(response.body.error.innerError['request-id']).toBe(response.headers['request-id']);
      expect(sim.latestAction(id)?.state).toBe('notSupported');
      expect(sim.app.services.actions.latestFor(id)).toBeDefined();
      expect(sim.device(id).state).toEqual(before);
      const audits = await adminClient(sim, 'beta').get('/deviceManagement/remoteActionAudits').expect(200);
      expect(audits.body.value).toContainEqual(
        expect.objectContaining({
          managedDeviceId: id,
          action: 'resetPasscode',
          actionState: 'notSupported',
        }),
      );
      // Frames reach a device in the order they are sent: once a later clock frame has arrived, any command would have.
      // The hand-driven device acknowledges it as an agent does, so the clock move answers without its settle bound.
      const moved = simRequest(sim).post('/sim/clock').send({ advanceMs: 0 }).expect(200).then();
      const clock = await device.next('clock');
      device.sendJson({ type: 'clockAck', seq: clock.seq });
      await moved;
      expect(device.log.map((frame) => frame.type)).not.toContain('command');
      await device.close();
    },
  );

  it('follows a later edition of the matrix when configured: work profile from 8.0, User Enrollment refused', async () => {
    const later = await startSimulation({
      supportEdition: 'current',
      fleet: {
        devices: [
          { name: 'wp-7', enrollment: 'androidWorkProfile', osVersion: '7.1', passcode: '123456' },
          { name: 'user-enrollment', enrollment: 'iosUserEnrollment', osVersion: '17.0', passcode: '123456' },
          { name: 'wp-13', enrollment: 'androidWorkProfile', osVersion: '13', passcode: '123456' },
        ],
      },
    });
    try {
      await adminClient(later).resetPasscode(later.deviceId('wp-7')).expect(400);
      await adminClient(later).resetPasscode(later.deviceId('user-enrollment')).expect(400);
      // Today's portal names the action per platform: iOS removes the passcode, Android sets a new one.
      const nameOf = async (name: string) =>
        (
          await simRequest(later)
            .get(`/sim/devices/${later.deviceId(name)}`)
            .expect(200)
        ).body.removePasscode;
      expect(await nameOf('user-enrollment')).toMatchObject({
        actionName: 'Remove passcode',
        reason: 'Remove passcode is not supported on iOS/iPadOS User Enrollment.',
      });
      expect(await nameOf('wp-13')).toMatchObject({ supported: true, actionName: 'Reset passcode' });
    } finally {
      await later.close();
    }
  });
});
