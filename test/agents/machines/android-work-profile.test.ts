// The Android work profile machine: the reset token the user activates, then resetPasswordWithToken.
import { afterEach, describe, expect, it } from 'vitest';
import {
  androidWorkProfileMachine,
  type WorkProfileInput,
} from '../../../agents/machines/android-work-profile.js';
import { androidWorkProfileStateOf } from '../../../agents/screen/device-state-of.js';
import { DeviceErrorCode } from '../../../shared/commands.js';
import type { PasscodePolicy } from '../../../shared/policy.js';
import { type MachineHarness, startMachine, T0 } from './machine-harness.js';

const policy: PasscodePolicy = { passcodeRequired: true, minLength: 6 };
const reset = (newPassword = 'Tmp4821') => ({ requestType: 'ResetPassword', newPassword, flags: 1 }) as const;

let device: MachineHarness<typeof androidWorkProfileMachine> | undefined;
afterEach(() => device?.stop());

function workProfile(options: Partial<Omit<WorkProfileInput, 'now'>> = {}) {
  device = startMachine(androidWorkProfileMachine, {
    osVersion: options.osVersion ?? '8.1',
    passcode: options.passcode === undefined ? '135790' : options.passcode,
    policy: options.policy === undefined ? policy : options.policy,
    now: T0,
    ...(options.resetTokenActivated === undefined
      ? {}
      : { resetTokenActivated: options.resetTokenActivated }),
  });
  return device;
}
const state = (d: MachineHarness<typeof androidWorkProfileMachine>) =>
  androidWorkProfileStateOf(d.snapshot());

/** Enrolled with a required, set passcode, then the user activated the token from the notification. */
function activated() {
  const d = workProfile();
  d.send({ type: 'tapNotification', notificationId: 'secureWorkProfile' });
  d.send({ type: 'enterPasscode', passcode: '135790' });
  expect(state(d).resetToken).toBe('active');
  return d;
}

describe('Android work profile reset token at enrollment', () => {
  it('is inactive with a "Secure your Work Profile" notification when a passcode is required and set', () => {
    const d = workProfile();
    const s = state(d);
    expect(s.resetToken).toBe('inactive');
    expect(s.notifications).toEqual([
      {
        id: 'secureWorkProfile',
        // Microsoft's end-to-end guide for Android Enterprise in Intune, word for word.
        title: 'Secure your Work Profile',
        body: 'Authorize your company support to remotely reset your work profile password',
      },
    ]);
    expect(s.compliant).toBe(true);
  });

  it('has no reset token and no notification on Android 6.0, where the seed does not support the reset', () => {
    const d = workProfile({ osVersion: '6.0' });
    expect(state(d)).toMatchObject({ resetToken: 'none', notifications: [] });
    expect(d.command(reset(), 'r6')).toMatchObject({
      status: 'Error',
      errorCode: DeviceErrorCode.NoPasscodeRequirement,
    });
  });

  it('is active at once when a passcode is required but none is set (Android rule)', () => {
    const d = workProfile({ passcode: null });
    expect(state(d)).toMatchObject({ resetToken: 'active', notifications: [], compliant: false });
  });

  it('is active when the input says the user already activated it', () => {
    const d = workProfile({ resetTokenActivated: true });
    expect(state(d)).toMatchObject({ resetToken: 'active', notifications: [] });
  });

  it("is 'none' when no passcode is required", () => {
    const d = workProfile({ policy: null });
    expect(state(d)).toMatchObject({ resetToken: 'none', notifications: [], compliant: true });
  });
});

describe('Android work profile token activation', () => {
  it('opens the work profile challenge when the notification is tapped', () => {
    const d = workProfile();
    d.send({ type: 'tapNotification', notificationId: 'secureWorkProfile' });
    expect(state(d).screen).toMatchObject({
      view: 'workProfileChallenge',
      title: 'Confirm your work profile passcode',
    });
  });

  it('activates the token and removes the notification when the right passcode is entered', () => {
    const d = workProfile();
    d.send({ type: 'tapNotification', notificationId: 'secureWorkProfile' });
    expect(d.refusalOf({ type: 'enterPasscode', passcode: '135790' })).toBeNull();
    expect(state(d)).toMatchObject({ resetToken: 'active', notifications: [], screen: { view: 'home' } });
  });

  it('refuses a wrong passcode and keeps the token inactive', () => {
    const d = workProfile();
    d.send({ type: 'tapNotification', notificationId: 'secureWorkProfile' });
    expect(d.refusalOf({ type: 'enterPasscode', passcode: '000000' })).toBe('Wrong passcode. Try again.');
    expect(state(d)).toMatchObject({ resetToken: 'inactive', screen: { view: 'workProfileChallenge' } });
    expect(state(d).notifications).toHaveLength(1);
  });

  it('cannot open the challenge from the notification once the token is active (it is no longer shown)', () => {
    const d = activated();
    expect(d.snapshot().can({ type: 'tapNotification', notificationId: 'secureWorkProfile' })).toBe(false);
    d.send({ type: 'tapNotification', notificationId: 'secureWorkProfile' });
    expect(state(d).screen.view).toBe('home');
  });

  it('ignores a tap on an unknown notification', () => {
    const d = workProfile();
    d.send({ type: 'tapNotification', notificationId: 'somethingElse' });
    expect(state(d).screen.view).toBe('home');
  });
});

describe('Android work profile notification, opened from the notification drawer', () => {
  const TAP = { type: 'tapNotification', notificationId: 'secureWorkProfile' } as const;
  const screens = [
    ['a work app', { type: 'openApp' }, 'app'],
    ['a personal app', { type: 'openApp', app: 'personal' }, 'personalApp'],
    ['Settings', { type: 'openSettings' }, 'settings'],
  ] as const;

  it.each(screens)('opens the work challenge over %s, as over Home', (_, open, view) => {
    const d = workProfile();
    d.send(open);
    expect(state(d).screen.view).toBe(view);
    expect(d.snapshot().can(TAP)).toBe(true);
    expect(d.refusalOf(TAP)).toBeNull();
    expect(state(d)).toMatchObject({ resetToken: 'inactive', screen: { view: 'workProfileChallenge' } });
  });

  it.each(screens)('activates the token from the challenge opened over %s, and goes Home', (_, open) => {
    const d = workProfile();
    d.send(open);
    d.send(TAP);
    expect(d.refusalOf({ type: 'enterPasscode', passcode: '135790' })).toBeNull();
    expect(state(d)).toMatchObject({
      resetToken: 'active',
      notifications: [],
      workProfileLocked: false,
      screen: { view: 'home', message: 'Work profile secured.' },
    });
  });

  it.each(screens)(
    'leaves the challenge opened over %s for Home with the token and notification kept',
    (_, open) => {
      const d = workProfile();
      d.send(open);
      d.send(TAP);
      d.send({ type: 'enterPasscode', passcode: '000000' });
      d.send({ type: 'goHome' });
      expect(state(d)).toMatchObject({
        resetToken: 'inactive',
        workProfileLocked: false,
        screen: { view: 'home', message: null },
      });
      expect(state(d).notifications).toHaveLength(1);
      // The wrong passcode still counts (Gatekeeper), and the notification opens the challenge again.
      expect(d.snapshot().context.failedAttempts).toBe(1);
      d.send(TAP);
      expect(state(d).screen.view).toBe('workProfileChallenge');
    },
  );

  it('is not there to tap over a work app once the token is active', () => {
    const d = activated();
    d.send({ type: 'openApp' });
    expect(d.snapshot().can(TAP)).toBe(false);
    d.send(TAP);
    expect(state(d).screen.view).toBe('app');
  });

  it('brings back the same challenge when tapped on the challenge, the count of wrong passcodes kept', () => {
    const d = workProfile();
    d.send(TAP);
    expect(d.refusalOf({ type: 'enterPasscode', passcode: '000000' })).toBe('Wrong passcode. Try again.');
    expect(d.refusalOf(TAP)).toBeNull();
    expect(state(d).screen).toMatchObject({ view: 'workProfileChallenge', message: null });
    expect(d.snapshot().context.failedAttempts).toBe(1);
  });

  it('shows a running lockout on the challenge it opens, and nothing once the lockout ends', () => {
    const d = workProfile();
    d.send({ type: 'openSettings' });
    for (let attempt = 1; attempt <= 5; attempt++) {
      d.send({ type: 'setPasscode', passcode: '864200', currentPasscode: '000000' });
    }
    const lockout = 'Too many incorrect attempts. Try again in 30 seconds.';
    expect(state(d).screen.message).toBe(lockout);
    d.send(TAP);
    expect(state(d).screen).toMatchObject({ view: 'workProfileChallenge', message: lockout });
    expect(d.refusalOf({ type: 'enterPasscode', passcode: '135790' })).toBe(lockout);
    d.clock.advance(30_000);
    expect(state(d).screen.message).toBeNull();
    expect(d.refusalOf({ type: 'enterPasscode', passcode: '135790' })).toBeNull();
    expect(state(d).resetToken).toBe('active');
  });
});

describe("Android work profile passcode length (AOSP's shortest, 4 characters)", () => {
  it('refuses a work profile passcode under 4 characters even without a policy', () => {
    const d = workProfile({ policy: null });
    d.send({ type: 'openSettings' });
    expect(d.refusalOf({ type: 'setPasscode', passcode: '123', currentPasscode: '135790' })).toBe(
      'The passcode must be at least 4 characters long.',
    );
    expect(d.refusalOf({ type: 'setPasscode', passcode: '1234', currentPasscode: '135790' })).toBeNull();
  });

  it('is not compliant with a passcode under 4 characters, even where the policy asks fewer', () => {
    const d = workProfile({ passcode: '123', policy: { passcodeRequired: true, minLength: 0 } });
    expect(state(d).compliant).toBe(false);
  });
});

describe('Android work profile settings: changing the work profile passcode', () => {
  it('asks for the current passcode first, and confirming it activates the reset token as the notification does', () => {
    const d = workProfile();
    d.send({ type: 'openSettings' });
    expect(d.refusalOf({ type: 'setPasscode', passcode: '864200' })).toBe(
      'Enter your current passcode first.',
    );
    expect(state(d).resetToken).toBe('inactive');
    expect(d.refusalOf({ type: 'setPasscode', passcode: '864200', currentPasscode: '000000' })).toBe(
      'Wrong passcode. Try again.',
    );
    expect(state(d).resetToken).toBe('inactive');
    expect(d.refusalOf({ type: 'setPasscode', passcode: '864200', currentPasscode: '135790' })).toBeNull();
    expect(state(d)).toMatchObject({ resetToken: 'active', notifications: [] });
    expect(d.snapshot().context).toMatchObject({ passcode: '864200', failedAttempts: 0 });
  });

  it('checks a current passcode given on the new-passcode screen after a reset, where none is asked', () => {
    const d = activated();
    d.command(reset('Tmp4821'));
    d.send({ type: 'openApp' });
    d.send({ type: 'enterPasscode', passcode: 'Tmp4821' });
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(d.refusalOf({ type: 'setPasscode', passcode: '864200', currentPasscode: '135790' })).toBe(
        'Wrong passcode. Try again.',
      );
    }
    // Not counted: Android asks for no current passcode there, so no lockout follows.
    expect(d.snapshot().context).toMatchObject({ failedAttempts: 0, lockout: null });
    expect(d.refusalOf({ type: 'setPasscode', passcode: '864200', currentPasscode: 'Tmp4821' })).toBeNull();
  });

  it('locks the work profile again when another reset comes before the user chose a new passcode', () => {
    const d = activated();
    d.command(reset('Tmp4821'));
    d.send({ type: 'openApp' });
    d.send({ type: 'enterPasscode', passcode: 'Tmp4821' });
    expect(state(d).screen.view).toBe('setNewWorkProfilePasscode');
    d.command(reset('Tmp9999'));
    expect(state(d)).toMatchObject({ workProfileLocked: true, screen: { view: 'workProfileLocked' } });
    expect(d.snapshot().can({ type: 'setPasscode', passcode: '864200' })).toBe(false);
    expect(d.refusalOf({ type: 'enterPasscode', passcode: 'Tmp4821' })).toBe('Wrong passcode. Try again.');
    expect(d.refusalOf({ type: 'enterPasscode', passcode: 'Tmp9999' })).toBeNull();
  });
});

describe('Android work profile ResetPassword', () => {
  it('answers Error 2001 while the token is inactive and keeps the passcode', () => {
    const d = workProfile();
    const result = d.command(reset(), 'r1');
    expect(result).toMatchObject({
      commandId: 'r1',
      status: 'Error',
      errorCode: DeviceErrorCode.ResetTokenNotActive,
    });
    expect(result?.errorChain?.[0]).toMatchObject({ errorCode: 2001 });
    expect(d.snapshot().context.passcode).toBe('135790');
    expect(state(d).screen.view).toBe('home');
  });

  it("answers Error 2002 when no passcode is required (token 'none')", () => {
    const d = workProfile({ policy: null });
    const result = d.command(reset(), 'r2');
    expect(result).toMatchObject({
      commandId: 'r2',
      status: 'Error',
      errorCode: DeviceErrorCode.NoPasscodeRequirement,
    });
    expect(result?.errorChain?.[0]?.errorCode).toBe(2002);
  });

  it('answers Acknowledged with an active token, sets the new passcode and locks the work profile only', () => {
    const d = activated();
    expect(d.command(reset('Tmp4821'), 'r3')).toEqual({ commandId: 'r3', status: 'Acknowledged' });
    expect(d.snapshot().context.passcode).toBe('Tmp4821');
    // The user stays where they were: the lock shows when a work app opens.
    expect(state(d)).toMatchObject({ locked: false, workProfileLocked: true, screen: { view: 'home' } });
    d.send({ type: 'openApp', app: 'work' });
    expect(state(d).screen.view).toBe('workProfileLocked');
  });

  it('locks a work app that is open when the reset comes, and leaves a personal app open', () => {
    const inWorkApp = activated();
    inWorkApp.send({ type: 'openApp' });
    inWorkApp.command(reset('Tmp4821'));
    expect(state(inWorkApp).screen.view).toBe('workProfileLocked');
    const inPersonalApp = activated();
    inPersonalApp.send({ type: 'openApp', app: 'personal' });
    inPersonalApp.command(reset('Tmp4821'));
    expect(state(inPersonalApp)).toMatchObject({ workProfileLocked: true, screen: { view: 'personalApp' } });
  });

  it("opens personal apps while the work profile is locked, as Android's per-profile challenge does", () => {
    const d = activated();
    d.command(reset('Tmp4821'));
    expect(d.refusalOf({ type: 'openApp', app: 'personal' })).toBeNull();
    expect(state(d)).toMatchObject({ workProfileLocked: true, screen: { view: 'personalApp' } });
    d.send({ type: 'goHome' });
    d.send({ type: 'openApp', app: 'work' });
    expect(state(d).screen.view).toBe('workProfileLocked');
  });

  it('answers CommandFormatError to ClearPasscode', () => {
    const d = activated();
    expect(d.command({ requestType: 'ClearPasscode', unlockToken: 'x' })?.status).toBe('CommandFormatError');
    expect(d.snapshot().context.passcode).toBe('135790');
  });

  it('asks for a new passcode once the user enters the temporary one', () => {
    const d = activated();
    d.command(reset('Tmp4821'));
    d.send({ type: 'openApp' });
    expect(d.refusalOf({ type: 'enterPasscode', passcode: 'Tmp4821' })).toBeNull();
    expect(state(d)).toMatchObject({ locked: false, screen: { view: 'setNewWorkProfilePasscode' } });
  });

  it('refuses the old passcode on the locked work profile', () => {
    const d = activated();
    d.command(reset('Tmp4821'));
    d.send({ type: 'openApp' });
    expect(d.refusalOf({ type: 'enterPasscode', passcode: '135790' })).toBe('Wrong passcode. Try again.');
    expect(state(d).screen.view).toBe('workProfileLocked');
  });

  it('refuses a new passcode shorter than the policy minimum', () => {
    const d = activated();
    d.command(reset('Tmp4821'));
    d.send({ type: 'openApp' });
    d.send({ type: 'enterPasscode', passcode: 'Tmp4821' });
    expect(d.refusalOf({ type: 'setPasscode', passcode: '12' })).toBe(
      'The passcode must be at least 6 characters long.',
    );
    // Android's keyboard types ASCII only (AOSP).
    expect(d.refusalOf({ type: 'setPasscode', passcode: 'pässwörd' })).toBe(
      'The passcode cannot include an invalid character.',
    );
    expect(state(d).screen.view).toBe('setNewWorkProfilePasscode');
  });

  it('unlocks and is compliant once the user sets a new passcode of at least minLength', () => {
    const d = activated();
    d.command(reset('Tmp4821'));
    d.send({ type: 'openApp' });
    d.send({ type: 'enterPasscode', passcode: 'Tmp4821' });
    expect(d.refusalOf({ type: 'setPasscode', passcode: '864200' })).toBeNull();
    expect(state(d)).toMatchObject({ locked: false, compliant: true, screen: { view: 'app' } });
    expect(d.snapshot().context).toMatchObject({ passcode: '864200', mustChangePasscode: false });
  });

  it('keeps the profile locked when the user goes Home and opens an app before changing the passcode', () => {
    const d = activated();
    d.command(reset('Tmp4821'));
    d.send({ type: 'openApp' });
    d.send({ type: 'goHome' });
    expect(state(d)).toMatchObject({ locked: false, workProfileLocked: true, screen: { view: 'home' } });
    d.send({ type: 'openApp' });
    expect(state(d).screen.view).toBe('workProfileLocked');
  });

  it('sends Settings through the work challenge too: the temporary passcode cannot be skipped', () => {
    const d = activated();
    d.command(reset('Tmp4821'));
    d.send({ type: 'goHome' });
    d.send({ type: 'openSettings' });
    expect(state(d)).toMatchObject({ workProfileLocked: true, screen: { view: 'workProfileLocked' } });
    // The screen takes no new passcode (the device refuses the input); sent anyway, it changes nothing.
    expect(d.snapshot().can({ type: 'setPasscode', passcode: '864200' })).toBe(false);
    d.send({ type: 'setPasscode', passcode: '864200' });
    expect(d.snapshot().context.passcode).toBe('Tmp4821');
  });

  it('resets at once when the token became active because no passcode was set at enrollment', () => {
    const d = workProfile({ passcode: null });
    expect(d.command(reset('Tmp4821'))?.status).toBe('Acknowledged');
    expect(state(d)).toMatchObject({ passcodeSet: true, compliant: true, workProfileLocked: true });
  });
});
