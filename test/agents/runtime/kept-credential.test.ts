// A device tells of each change of what it keeps across a restart (its passcode, a work profile's reset token and owed
// new passcode) before it tells anyone its new state, restarts from what was kept, and forgets it on the simulator's
// reset; a lockout kept across a restart ends with an admin's reset like any other.
import { describe, expect, it } from 'vitest';
import type { KeptCredential } from '../../../agents/runtime/credential-store.js';
import { type DeviceSetup, startEmulatedDevice } from '../../../agents/runtime/emulated-device.js';
import { ControllableClock } from '../../../lib/controllable-clock.js';
import { deviceSetup, RESET_PASSWORD } from '../../support/device-setup.js';

const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);

/** A work profile whose reset token the user has yet to activate, unless `overrides` say otherwise. */
const setup = (overrides: Partial<DeviceSetup>) =>
  deviceSetup(T0, { resetTokenActivated: false, ...overrides });

/** The device, every change it told of, and the order of what it told (`credential`, `state`) since `order` was cleared. */
function watched(deviceSetup: DeviceSetup) {
  const clock = new ControllableClock({ now: T0, speed: 0 });
  const device = startEmulatedDevice(deviceSetup, clock);
  const told: Array<KeptCredential | null> = [];
  const order: string[] = [];
  device.onStateChange(() => order.push('state'));
  device.onCredentialChange((credential) => {
    told.push(credential);
    order.push('credential');
  });
  return { device, told, order, clock };
}

describe('a device keeping its credential', () => {
  it("tells of a work profile's token activation and reset before its state, and restarts from them", () => {
    const { device, told, order, clock } = watched(setup({}));
    device.applyInput({ type: 'tapNotification', notificationId: 'secureWorkProfile' });
    expect(told).toEqual([]);
    order.length = 0;
    device.applyInput({ type: 'enterPasscode', passcode: '975310' });
    expect(told).toEqual([
      { passcode: '975310', resetTokenActive: true, mustChangePasscode: false, passcodeDeadline: null },
    ]);
    // Kept before anyone hears of the new state.
    expect(order).toEqual(['credential', 'state']);
    order.length = 0;
    expect(device.runCommand('c-1', RESET_PASSWORD, T0).status).toBe('Acknowledged');
    const kept = told.at(-1) as KeptCredential;
    expect(kept).toEqual({
      passcode: '13572468',
      resetTokenActive: true,
      mustChangePasscode: true,
      passcodeDeadline: null,
    });
    expect(order[0]).toBe('credential');

    // Restarted from what it kept: the temporary passcode opens the work profile, then a new one is asked for.
    const restarted = startEmulatedDevice(setup({ credential: kept }), clock);
    expect(restarted.state()).toMatchObject({ resetToken: 'active', notifications: [] });
    restarted.applyInput({ type: 'openApp' });
    expect(restarted.applyInput({ type: 'enterPasscode', passcode: '975310' }).accepted).toBe(false);
    expect(restarted.applyInput({ type: 'enterPasscode', passcode: '13572468' }).accepted).toBe(true);
    expect(restarted.state().screen.view).toBe('setNewWorkProfilePasscode');
  });

  it("tells of an iPhone user's new passcode and a basic device's reset, and of nothing that keeps them", () => {
    const iphone = watched(setup({ enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: null }));
    // Enrolled without the passcode its policy requires: the deadline the start set is told at once.
    expect(iphone.told).toEqual([
      {
        passcode: null,
        resetTokenActive: false,
        mustChangePasscode: false,
        passcodeDeadline: T0 + 3_600_000,
      },
    ]);
    iphone.device.applyInput({ type: 'unlock', passcode: '' });
    iphone.device.applyInput({ type: 'openSettings' });
    expect(iphone.told).toHaveLength(1);
    iphone.device.applyInput({ type: 'setPasscode', passcode: '246810' });
    expect(iphone.told.map((credential) => [credential?.passcode, credential?.passcodeDeadline])).toEqual([
      [null, T0 + 3_600_000],
      ['246810', null],
    ]);

    const basic = watched(setup({ enrollment: 'androidFullyManaged', osVersion: '12.0' }));
    expect(basic.device.runCommand('c-2', RESET_PASSWORD, T0).status).toBe('Acknowledged');
    expect(basic.told).toEqual([
      { passcode: '13572468', resetTokenActive: false, mustChangePasscode: false, passcodeDeadline: null },
    ]);
  });

  it("forgets on the simulator's reset, and a restart from the fleet file is where the reset put it", () => {
    const { device, told, clock } = watched(setup({ resetTokenActivated: true }));
    device.runCommand('c-3', RESET_PASSWORD, T0);
    device.reset(T0);
    expect(told).toEqual([
      { passcode: '13572468', resetTokenActive: true, mustChangePasscode: true, passcodeDeadline: null },
      null,
    ]);
    expect(JSON.stringify(startEmulatedDevice(setup({ resetTokenActivated: true }), clock).state())).toBe(
      JSON.stringify(device.state()),
    );
  });

  it("keeps counting down to an iPhone's passcode deadline across a restart, and enforces it when it passes", () => {
    const iphone = setup({ enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '123456' });
    const { device, told, clock } = watched(iphone);
    expect(
      device.runCommand('c-5', { requestType: 'ClearPasscode', unlockToken: 'same-token' }, T0).status,
    ).toBe('Acknowledged');
    const kept = told.at(-1) as KeptCredential;
    expect(kept).toMatchObject({ passcode: null, passcodeDeadline: T0 + 3_600_000 });
    device.stop();

    // Restarted 40 minutes later: the same deadline, 20 minutes away, not 60.
    clock.advance(40 * 60_000);
    const restarted = startEmulatedDevice({ ...iphone, now: clock.now(), credential: kept }, clock);
    expect(restarted.state().prompt).toEqual({
      kind: 'passcodeRequirement',
      deadline: new Date(T0 + 3_600_000).toISOString(),
      enforced: false,
    });
    clock.advance(20 * 60_000 - 1);
    expect(restarted.state().prompt?.enforced).toBe(false);
    clock.advance(1);
    expect(restarted.state().prompt?.enforced).toBe(true);

    // Restarted after the deadline: enforced at once.
    const late = startEmulatedDevice({ ...iphone, now: clock.now() + 1, credential: kept }, clock);
    clock.advance(1);
    expect(late.state().prompt?.enforced).toBe(true);
  });

  it("ends a lockout kept from before a restart with the admin's reset, and its timer does not end a later one", () => {
    const clock = new ControllableClock({ now: T0, speed: 0 });
    const device = startEmulatedDevice(
      setup({
        enrollment: 'androidDeviceAdministrator',
        osVersion: '6.0.1',
        passcode: '1111',
        policy: null,
        lockout: { failedAttempts: 5, lockout: 'Try again in 30 seconds.', lockoutMs: 30_000 },
      }),
      clock,
    );
    device.resumeLockout();
    clock.advance(1_000);
    expect(device.runCommand('c-4', RESET_PASSWORD, clock.now()).status).toBe('Acknowledged');
    clock.advance(19_000);
    // Five wrong passcodes against the new one: a fresh 30-second lockout, from 20 s to 50 s.
    for (let attempt = 0; attempt < 5; attempt++) device.applyInput({ type: 'unlock', passcode: '0000' });
    expect(device.state().screen.message).toMatch(/30 seconds/);
    clock.advance(10_500);
    // Past the kept lockout's old end (30 s): still locked out.
    expect(device.applyInput({ type: 'unlock', passcode: '13572468' }).accepted).toBe(false);
    clock.advance(20_000);
    expect(device.applyInput({ type: 'unlock', passcode: '13572468' }).accepted).toBe(true);
  });
});
