// The seed's Android work profile statements, end to end: the reset token the user must activate, then the reset.
import { describe, expect, it } from 'vitest';
import { adminClient, deviceUser, temporaryPasscode } from '../support/admin-client.js';
import { storeBackends } from '../support/store-backends.js';
import { useSimulation } from '../support/use-simulation.js';

const policy = { passcodeRequired: true, minLength: 8 };
const workProfile = {
  enrollment: 'androidWorkProfile',
  osVersion: '7.0',
  passcode: '24682468',
  policy,
} as const;

describe.each(storeBackends)('Android work profile Reset passcode (%s store)', (_store, storeLocation) => {
  const sim = useSimulation({
    store: storeLocation(),
    fleet: {
      devices: [
        { ...workProfile, name: 'to-activate' },
        { ...workProfile, name: 'skipped' },
        { ...workProfile, name: 'active', resetTokenActivated: true },
        { name: 'no-requirement', enrollment: 'androidWorkProfile', osVersion: '9.0', passcode: '1234' },
      ],
    },
  });

  it('asks the user right after enrollment to activate the reset token', () => {
    const device = sim.device(sim.deviceId('to-activate'));
    expect(device.state.resetToken).toBe('inactive');
    expect(device.state.notifications).toEqual([
      expect.objectContaining({ id: 'secureWorkProfile', title: 'Secure your Work Profile' }),
    ]);
  });

  it('activates the token when the user taps the notification and enters the work profile passcode', async () => {
    const id = sim.deviceId('to-activate');
    const user = deviceUser(sim, id);
    const challenge = await user
      .act({ type: 'tapNotification', notificationId: 'secureWorkProfile' })
      .expect(200);
    expect(challenge.body.state.screen.view).toBe('workProfileChallenge');
    const wrong = await user.act({ type: 'enterPasscode', passcode: '00000000' }).expect(409);
    expect(wrong.body.error.message).toMatch(/wrong passcode/i);
    const done = await user.act({ type: 'enterPasscode', passcode: '24682468' }).expect(200);
    expect(done.body.state).toMatchObject({ resetToken: 'active', notifications: [] });
  });

  it('resets an activated work profile to a new random passcode the admin can read, and locks it', async () => {
    const id = sim.deviceId('to-activate');
    await adminClient(sim).resetPasscode(id).expect(204);
    await sim.waitForAction(id, (a) => a.state === 'done');
    const graph = await adminClient(sim)
      .get(`/deviceManagement/managedDevices/${id}?$select=deviceActionResults`)
      .expect(200);
    const [result] = graph.body.deviceActionResults;
    expect(result).toMatchObject({
      '@odata.type': '#microsoft.graph.resetPasscodeActionResult',
      actionName: 'resetPasscode',
      actionState: 'done',
    });
    expect(result.passcode).toMatch(/^\d{8,}$/);
    const locked = await sim.waitForDevice(id, (d) => d.state.workProfileLocked === true);
    // Only the work profile is locked: the device itself is not, and a personal app still opens.
    expect(locked.state).toMatchObject({ locked: false, screen: { view: 'home' } });
    const user = deviceUser(sim, id);
    const personal = await user.act({ type: 'openApp', app: 'personal' }).expect(200);
    expect(personal.body.state).toMatchObject({ workProfileLocked: true, screen: { view: 'personalApp' } });
    await user.act({ type: 'goHome' }).expect(200);
    const challenge = await user.act({ type: 'openApp', app: 'work' }).expect(200);
    expect(challenge.body.state.screen.view).toBe('workProfileLocked');

    await user.act({ type: 'enterPasscode', passcode: '24682468' }).expect(409);
    const unlocked = await user.act({ type: 'enterPasscode', passcode: result.passcode }).expect(200);
    expect(unlocked.body.state.screen.view).toBe('setNewWorkProfilePasscode');
    await user.act({ type: 'setPasscode', passcode: '1234' }).expect(409);
    const fresh = await user.act({ type: 'setPasscode', passcode: '86428642' }).expect(200);
    expect(fresh.body.state).toMatchObject({ locked: false, workProfileLocked: false, compliant: true });
  });

  it('keeps the temporary passcode visible to the admin for seven days only', async () => {
    const id = sim.deviceId('active');
    await adminClient(sim).resetPasscode(id).expect(204);
    await sim.waitForAction(id, (a) => a.state === 'done');
    const passcode = await temporaryPasscode(sim, id);
    expect(passcode).toMatch(/^\d{8,}$/);
    expect(JSON.stringify(sim.device(id))).not.toContain(passcode);
    sim.advanceClock(7 * 24 * 60 * 60 * 1000 - 60_000);
    expect(await temporaryPasscode(sim, id)).toBe(passcode);
    sim.advanceClock(120_000);
    expect(await temporaryPasscode(sim, id)).toBeNull();
    const graph = await adminClient(sim).get(`/deviceManagement/managedDevices/${id}`).expect(200);
    expect(graph.body.deviceActionResults[0].passcode).toBeNull();
  });

  it('fails with an error code when the user never activated the token', async () => {
    const id = sim.deviceId('skipped');
    await adminClient(sim).resetPasscode(id).expect(204);
    const action = await sim.waitForAction(id, (a) => a.state === 'failed');
    expect(action).toMatchObject({ errorCode: 2001 });
    expect(await temporaryPasscode(sim, id)).toBeNull();
    expect(sim.device(id).state.resetToken).toBe('inactive');
  });

  it('fails when no work profile passcode is required (there is no reset token)', async () => {
    const id = sim.deviceId('no-requirement');
    expect(sim.device(id).state.resetToken).toBe('none');
    expect(sim.device(id).state.notifications).toEqual([]);
    await adminClient(sim).resetPasscode(id).expect(204);
    const action = await sim.waitForAction(id, (a) => a.state === 'failed');
    expect(action.errorCode).toBe(2002);
  });
});
