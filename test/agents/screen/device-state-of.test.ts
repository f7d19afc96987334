// Screen derivation: each machine state maps to the view, notifications, prompt and compliance the user sees.

import { afterEach, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { androidWorkProfileMachine } from '../../../agents/machines/android-work-profile.js';
import { basicDeviceMachine, type PasscodeResetRule } from '../../../agents/machines/basic-device.js';
import { iosMachine, PASSCODE_GRACE_MS } from '../../../agents/machines/ios.js';
import {
  androidWorkProfileStateOf,
  basicDeviceStateOf,
  iosStateOf,
  passcodeKindOf,
  screenTitles,
} from '../../../agents/screen/device-state-of.js';
import { ControllableClock } from '../../../lib/controllable-clock.js';
import { DeviceState, ScreenView } from '../../../shared/device-state.js';

const T0 = Date.UTC(2018, 2, 29, 9, 0, 0);
const policy = { passcodeRequired: true, minLength: 4 };
const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function run<T extends { start(): unknown; stop(): unknown }>(actor: T, clock: ControllableClock): T {
  actor.start();
  stops.push(() => {
    actor.stop();
    clock.stop();
  });
  return actor;
}
const clockAt = () => new ControllableClock({ now: T0, speed: 0 });

describe('screen titles', () => {
  it('has a title for every view', () => {
    for (const view of ScreenView.options) expect(screenTitles[view]).toMatch(/\S/);
  });
});

describe('iOS screen', () => {
  function ios(passcode: string | null, withPolicy: boolean) {
    const clock = clockAt();
    const input = {
      osVersion: '17.4',
      passcode,
      policy: withPolicy ? policy : null,
      now: T0,
      unlockToken: 't',
    };
    return { actor: run(createActor(iosMachine, { input, clock }), clock), clock };
  }

  it('shows the lock screen, locked and compliant, for a device with a passcode', () => {
    const { actor } = ios('1234', true);
    const state = iosStateOf(actor.getSnapshot());
    expect(DeviceState.parse(state)).toEqual({
      screen: { view: 'lockScreen', title: 'Lock screen', message: null },
      locked: true,
      passcodeSet: true,
      passcodeKind: null,
      workProfilePasscodeSet: null,
      resetToken: null,
      notifications: [],
      prompt: null,
      compliant: true,
    });
  });

  it('maps home, app, settings and the dismissed prompt to their views', () => {
    const { actor } = ios(null, true);
    actor.send({ type: 'unlock' });
    expect(iosStateOf(actor.getSnapshot()).screen.view).toBe('passcodeRequirement');
    actor.send({ type: 'dismissPrompt' });
    expect(iosStateOf(actor.getSnapshot()).screen).toMatchObject({ view: 'home', title: 'Home' });
    actor.send({ type: 'openApp' });
    expect(iosStateOf(actor.getSnapshot()).screen.view).toBe('app');
    actor.send({ type: 'goHome' });
    actor.send({ type: 'openSettings' });
    expect(iosStateOf(actor.getSnapshot()).screen).toMatchObject({
      view: 'settings',
      title: 'Settings › Passcode',
    });
  });

  it('shows the prompt with an ISO deadline 60 minutes after the ClearPasscode command, not yet enforced', () => {
    const { actor, clock } = ios('1234', true);
    clock.advance(90_000);
    actor.send({
      type: 'command',
      commandId: 'c',
      request: { requestType: 'ClearPasscode', unlockToken: 't' },
      now: clock.now(),
    });
    const state = iosStateOf(actor.getSnapshot());
    expect(state.prompt).toEqual({
      kind: 'passcodeRequirement',
      deadline: new Date(T0 + 90_000 + PASSCODE_GRACE_MS).toISOString(),
      enforced: false,
    });
    expect(state.compliant).toBe(false);
    expect(state.passcodeSet).toBe(false);
  });

  it('marks the prompt enforced after the grace period', () => {
    const { actor, clock } = ios(null, true);
    clock.advance(PASSCODE_GRACE_MS);
    expect(iosStateOf(actor.getSnapshot()).prompt).toMatchObject({
      enforced: true,
      deadline: '2018-03-29T10:00:00.000Z',
    });
  });

  it('shows the wrong-passcode message on the lock screen', () => {
    const { actor } = ios('1234', false);
    actor.send({ type: 'unlock', passcode: '9999' });
    expect(iosStateOf(actor.getSnapshot()).screen.message).toBe('Wrong passcode. Try again.');
  });
});

describe('Android work profile screen', () => {
  function workProfile(passcode: string | null, withPolicy: boolean) {
    const clock = clockAt();
    const input = { osVersion: '8.1', passcode, policy: withPolicy ? policy : null, now: T0 };
    return run(createActor(androidWorkProfileMachine, { input, clock }), clock);
  }

  it('shows the notification and an inactive token on the home screen after enrollment', () => {
    const state = androidWorkProfileStateOf(workProfile('1357', true).getSnapshot());
    expect(DeviceState.parse(state)).toMatchObject({
      screen: { view: 'home' },
      locked: false,
      resetToken: 'inactive',
      workProfilePasscodeSet: true,
      notifications: [{ id: 'secureWorkProfile', title: 'Secure your Work Profile' }],
      prompt: null,
      compliant: true,
    });
  });

  it('maps the challenge, locked profile and new passcode screens to their views', () => {
    const actor = workProfile('1357', true);
    actor.send({ type: 'tapNotification', notificationId: 'secureWorkProfile' });
    expect(androidWorkProfileStateOf(actor.getSnapshot()).screen.view).toBe('workProfileChallenge');
    actor.send({ type: 'enterPasscode', passcode: '1357' });
    expect(androidWorkProfileStateOf(actor.getSnapshot()).screen).toMatchObject({
      view: 'home',
      message: 'Work profile secured.',
    });
    actor.send({
      type: 'command',
      commandId: 'r',
      request: { requestType: 'ResetPassword', newPassword: 'Tmp1', flags: 0 },
      now: T0,
    });
    expect(androidWorkProfileStateOf(actor.getSnapshot())).toMatchObject({
      screen: { view: 'home' },
      locked: false,
      workProfileLocked: true,
      notifications: [],
    });
    actor.send({ type: 'openApp' });
    expect(androidWorkProfileStateOf(actor.getSnapshot())).toMatchObject({
      screen: { view: 'workProfileLocked', title: 'Work profile locked' },
      workProfileLocked: true,
    });
    actor.send({ type: 'enterPasscode', passcode: 'Tmp1' });
    expect(androidWorkProfileStateOf(actor.getSnapshot())).toMatchObject({
      screen: { view: 'setNewWorkProfilePasscode' },
      locked: false,
    });
  });

  it("names the work profile's lock by its passcode: a PIN, a password once the user sets letters, none", () => {
    const actor = workProfile('1357', false);
    expect(DeviceState.parse(androidWorkProfileStateOf(actor.getSnapshot())).passcodeKind).toBe('pin');
    actor.send({ type: 'openSettings' });
    actor.send({ type: 'setPasscode', passcode: 'Work2024', currentPasscode: '1357' });
    expect(androidWorkProfileStateOf(actor.getSnapshot())).toMatchObject({
      passcodeSet: true,
      passcodeKind: 'password',
    });
    expect(androidWorkProfileStateOf(workProfile(null, false).getSnapshot()).passcodeKind).toBeNull();
  });

  it('is not compliant when a passcode is required but none is set', () => {
    const state = androidWorkProfileStateOf(workProfile(null, true).getSnapshot());
    expect(state).toMatchObject({ compliant: false, resetToken: 'active', workProfilePasscodeSet: false });
  });

  it("is not compliant with a passcode shorter than the policy's minimum, until the user sets a long enough one", () => {
    const actor = workProfile('12', true);
    expect(androidWorkProfileStateOf(actor.getSnapshot())).toMatchObject({
      passcodeSet: true,
      compliant: false,
    });
    actor.send({ type: 'openSettings' });
    actor.send({ type: 'setPasscode', passcode: '1357', currentPasscode: '12' });
    expect(androidWorkProfileStateOf(actor.getSnapshot())).toMatchObject({
      passcodeSet: true,
      compliant: true,
    });
  });
});

describe('basic device screen', () => {
  function basic(passcode: string | null, resetRule: PasscodeResetRule = 'any') {
    const clock = clockAt();
    const input = { osVersion: '6.0.1', passcode, policy, now: T0, resetRule };
    return run(createActor(basicDeviceMachine, { input, clock }), clock);
  }

  it('maps locked, home, app and settings to their views', () => {
    const actor = basic('1234');
    expect(basicDeviceStateOf(actor.getSnapshot())).toMatchObject({
      screen: { view: 'lockScreen' },
      locked: true,
    });
    actor.send({ type: 'unlock', passcode: '1234' });
    expect(basicDeviceStateOf(actor.getSnapshot())).toMatchObject({
      screen: { view: 'home' },
      locked: false,
    });
    actor.send({ type: 'openApp' });
    expect(basicDeviceStateOf(actor.getSnapshot()).screen.view).toBe('app');
    actor.send({ type: 'goHome' });
    actor.send({ type: 'openSettings' });
    expect(basicDeviceStateOf(actor.getSnapshot()).screen.view).toBe('settings');
  });

  it('is compliant exactly when the required passcode is set and long enough', () => {
    expect(basicDeviceStateOf(basic(null).getSnapshot()).compliant).toBe(false);
    expect(basicDeviceStateOf(basic('12').getSnapshot()).compliant).toBe(false);
    expect(basicDeviceStateOf(basic('12', 'none').getSnapshot()).compliant).toBe(false);
    const state = DeviceState.parse(basicDeviceStateOf(basic('1234').getSnapshot()));
    expect(state).toMatchObject({ compliant: true, notifications: [], prompt: null, resetToken: null });
  });

  it('names an Android lock a PIN when its passcode is digits only, else a password; a computer never', () => {
    expect(DeviceState.parse(basicDeviceStateOf(basic('1111').getSnapshot())).passcodeKind).toBe('pin');
    expect(basicDeviceStateOf(basic('abc123').getSnapshot()).passcodeKind).toBe('password');
    expect(basicDeviceStateOf(basic('12 34', 'whenPasscodeRequired').getSnapshot()).passcodeKind).toBe(
      'password',
    );
    expect(basicDeviceStateOf(basic(null).getSnapshot()).passcodeKind).toBeNull();
    // macOS and Windows (no reset rule) say password whatever the kind.
    expect(basicDeviceStateOf(basic('mac-pass', 'none').getSnapshot()).passcodeKind).toBeNull();
    // A reset to the server's digits makes it a PIN again.
    const actor = basic('letters');
    actor.send({
      type: 'command',
      commandId: 'r',
      request: { requestType: 'ResetPassword', newPassword: '246810', flags: 0 },
      now: T0,
    });
    expect(basicDeviceStateOf(actor.getSnapshot())).toMatchObject({ passcodeSet: true, passcodeKind: 'pin' });
  });
});

describe('passcode kind', () => {
  it('is a PIN for ASCII digits only', () => {
    expect(passcodeKindOf('0000')).toBe('pin');
    expect(passcodeKindOf('1234a')).toBe('password');
    expect(passcodeKindOf('١٢٣٤')).toBe('password');
    expect(passcodeKindOf(null)).toBeNull();
  });
});
