// What each emulated device's screen shows, derived from its machine snapshot by pure functions, never stored twice.
import type { SnapshotFrom } from 'xstate';
import type { DeviceState, PasscodeKind, ScreenView } from '../../shared/device-state.js';
import { passcodeSatisfiesPolicy } from '../../shared/policy.js';
import {
  type androidWorkProfileMachine,
  SECURE_WORK_PROFILE_NOTIFICATION,
} from '../machines/android-work-profile.js';
import type { basicDeviceMachine } from '../machines/basic-device.js';
import type { iosMachine } from '../machines/ios.js';

export const screenTitles: Record<ScreenView, string> = {
  lockScreen: 'Lock screen',
  home: 'Home',
  app: 'App',
  personalApp: 'Personal app',
  settings: 'Settings › Passcode',
  passcodeRequirement: 'Passcode Requirement',
  workProfileChallenge: 'Confirm your work profile passcode',
  workProfileLocked: 'Work profile locked',
  setNewWorkProfilePasscode: 'Set a new work profile passcode',
};

function screen(view: ScreenView, message: string | null): DeviceState['screen'] {
  return { view, title: screenTitles[view], message };
}

const DIGITS_ONLY = /^\d+$/;

/** A PIN when the passcode is digits only, else a password (null without one): one test, run on every state. */
export const passcodeKindOf = (passcode: string | null): PasscodeKind | null =>
  passcode === null ? null : DIGITS_ONLY.test(passcode) ? 'pin' : 'password';

export function iosStateOf(snapshot: SnapshotFrom<typeof iosMachine>): DeviceState {
  const { context } = snapshot;
  const views = {
    locked: 'lockScreen',
    home: 'home',
    dismissed: 'home',
    app: 'app',
    settings: 'settings',
    passcodeRequirement: 'passcodeRequirement',
  } as const satisfies Record<string, ScreenView>;
  // xstate types the value from the machine's states: a state added there fails here until it has a view.
  const { ui, compliance } = snapshot.value;
  const pending = compliance === 'gracePeriod' || compliance === 'enforced';
  return {
    screen: screen(views[ui], context.message),
    locked: ui === 'locked',
    passcodeSet: context.passcode !== null,
    // iOS says passcode whatever its kind.
    passcodeKind: null,
    workProfilePasscodeSet: null,
    resetToken: null,
    notifications: [],
    prompt:
      pending && context.graceDeadline !== null
        ? {
            kind: 'passcodeRequirement',
            deadline: new Date(context.graceDeadline).toISOString(),
            enforced: compliance === 'enforced',
          }
        : null,
    compliant: compliance === 'satisfied',
  };
}

export function androidWorkProfileStateOf(
  snapshot: SnapshotFrom<typeof androidWorkProfileMachine>,
): DeviceState {
  const { context } = snapshot;
  const views = {
    home: 'home',
    confirmCredential: 'workProfileChallenge',
    profileLocked: 'workProfileLocked',
    setNewPasscode: 'setNewWorkProfilePasscode',
    app: 'app',
    personalApp: 'personalApp',
    settings: 'settings',
  } as const satisfies Record<string, ScreenView>;
  const { ui } = snapshot.value;
  // `starting` only chooses the first state by eventless transitions: a settled snapshot is never in it.
  const resetToken = snapshot.value.resetToken as Exclude<typeof snapshot.value.resetToken, 'starting'>;
  return {
    screen: screen(views[ui], context.message),
    // A reset locks the work profile only: the personal side stays open (Android's per-profile challenge).
    locked: false,
    passcodeSet: context.passcode !== null,
    passcodeKind: passcodeKindOf(context.passcode),
    workProfilePasscodeSet: context.passcode !== null,
    workProfileLocked: context.mustChangePasscode && ui !== 'setNewPasscode',
    resetToken,
    notifications: resetToken === 'inactive' ? [{ ...SECURE_WORK_PROFILE_NOTIFICATION }] : [],
    prompt: null,
    compliant: passcodeSatisfiesPolicy(context.policy, context.passcode, { android: true }),
  };
}

export function basicDeviceStateOf(snapshot: SnapshotFrom<typeof basicDeviceMachine>): DeviceState {
  const { context } = snapshot;
  const views = {
    locked: 'lockScreen',
    home: 'home',
    app: 'app',
    settings: 'settings',
  } as const satisfies Record<string, ScreenView>;
  const ui = snapshot.value;
  return {
    screen: screen(views[ui], context.message),
    locked: ui === 'locked',
    passcodeSet: context.passcode !== null,
    // An Android device has a reset rule; macOS and Windows (`none`) say password whatever the kind.
    passcodeKind: context.resetRule === 'none' ? null : passcodeKindOf(context.passcode),
    workProfilePasscodeSet: null,
    resetToken: null,
    notifications: [],
    prompt: null,
    compliant: passcodeSatisfiesPolicy(context.policy, context.passcode, {
      android: context.resetRule !== 'none',
    }),
  };
}
