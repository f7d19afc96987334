// A device whose one passcode is the device's own: Android device administrator or fully managed, macOS, Windows.
import { and, assign, not, setup } from 'xstate';
import { DeviceErrorCode } from '../../shared/commands.js';
import type { OperatingSystem } from '../../shared/enrollment.js';
import { commandAnswerActions } from './command-answers.js';
import type { DeviceEmitted, DeviceEvent, DeviceMachineInput } from './device-events.js';
import {
  failedAttemptsFrom,
  type LockScreen,
  lockScreenOfComputer,
  passcodeEntryActions,
  passcodeEntryGuards,
  policyRefusalOf,
  replacePasscode,
} from './passcode-entry.js';

/**
 * Which passcode changes the OS lets the MDM make with resetPassword:
 * - `any`: Android 6.x and earlier device administrator;
 * - `onlyWhenNoneSet`: Android 7.0+ device administrator (the OS refuses to change or clear an existing passcode);
 * - `whenPasscodeRequired`: an Android Enterprise fully managed device (device owner, 8.0+), reset with its reset
 *   token, which exists only while a passcode policy is enforced (Intune, device-passcode-reset: "ensure that the
 *   passcode requirement is enforced … otherwise, the reset fails");
 * - `none`: not an Android device (macOS, Windows), which has no such command.
 */
export type PasscodeResetRule = 'any' | 'onlyWhenNoneSet' | 'whenPasscodeRequired' | 'none';

export interface BasicDeviceInput extends DeviceMachineInput {
  resetRule: PasscodeResetRule;
  /** The device's OS, from its enrollment (a computer's lock screen); absent, a computer is told by its version. */
  operatingSystem?: OperatingSystem;
}

export interface BasicDeviceContext {
  passcode: string | null;
  policy: DeviceMachineInput['policy'];
  resetRule: PasscodeResetRule;
  message: string | null;
  /** Consecutive wrong passcodes, and the lockout they caused (passcode-entry.ts). */
  failedAttempts: number;
  lockout: string | null;
  /** Android's lock screen on an Android device, else the Mac's or the Windows PC's (passcode-entry.ts). */
  lockScreen: LockScreen;
}

const newPasswordOf = (event: DeviceEvent): string | null =>
  event.type === 'command' && event.request.requestType === 'ResetPassword'
    ? event.request.newPassword
    : null;

const answers = commandAnswerActions<BasicDeviceContext>();

/** The user locks the device: its lock screen shows only what passcode entry says now (`showOnlyLockout`). */
const lockDevice = { target: 'locked', actions: 'showOnlyLockout' } as const;

export const basicDeviceMachine = setup({
  types: {
    context: {} as BasicDeviceContext,
    events: {} as DeviceEvent,
    input: {} as BasicDeviceInput,
    emitted: {} as DeviceEmitted,
  },
  guards: {
    ...passcodeEntryGuards,
    passcodeMatches: ({ context, event }) =>
      context.passcode === null || (event.type === 'unlock' && event.passcode === context.passcode),
    // Android (a reset rule) types ASCII only; a computer any character.
    passcodeAcceptable: ({ context, event }) =>
      policyRefusalOf(context, event, context.lockScreen === 'android') === null,
    resetAllowed: ({ context, event }) =>
      newPasswordOf(event) !== null &&
      (context.resetRule === 'any' ||
        (context.resetRule === 'onlyWhenNoneSet' && context.passcode === null) ||
        (context.resetRule === 'whenPasscodeRequired' && context.policy?.passcodeRequired === true)),
    resetRefusedByOs: ({ context, event }) =>
      newPasswordOf(event) !== null && context.resetRule === 'onlyWhenNoneSet',
    noResetToken: ({ context, event }) =>
      newPasswordOf(event) !== null && context.resetRule === 'whenPasscodeRequired',
  },
  actions: {
    ...passcodeEntryActions<BasicDeviceContext>((context) => context.lockScreen),
    savePasscode: assign({
      passcode: ({ event }) => (event.type === 'setPasscode' ? event.passcode : null),
      message: 'Passcode set.',
    }),
    resetPasscode: replacePasscode<BasicDeviceContext>((_, event) => ({ passcode: newPasswordOf(event) })),
    acknowledge: answers.acknowledge,
    rejectChange: answers.fail(
      DeviceErrorCode.ChangeRefusedByOs,
      'android.app.admin.DevicePolicyManager',
      'resetPassword cannot change an existing passcode on Android 7.0 and later.',
    ),
    rejectNoRequirement: answers.fail(
      DeviceErrorCode.NoPasscodeRequirement,
      'android.app.admin.DevicePolicyManager',
      'No device passcode is required, so there is no passcode reset token.',
    ),
    rejectFormat: answers.rejectFormat,
  },
}).createMachine({
  id: 'basicDevice',
  context: ({ input }) => ({
    passcode: input.passcode,
    policy: input.policy,
    resetRule: input.resetRule,
    // A lockout kept across an agents restart is what the lock screen shows when it comes up again.
    message: input.restoredLockout?.lockout ?? null,
    // Every Android device has a reset rule; a computer (`none`) is a Mac or a Windows PC.
    lockScreen:
      input.resetRule === 'none' ? lockScreenOfComputer(input.osVersion, input.operatingSystem) : 'android',
    ...failedAttemptsFrom(input),
  }),
  initial: 'locked',
  on: {
    passcodeLockoutEnded: { actions: 'endLockout' },
    command: [
      {
        guard: 'resetAllowed',
        target: '.locked',
        actions: ['resetPasscode', 'acknowledge'],
      },
      { guard: 'resetRefusedByOs', actions: 'rejectChange' },
      { guard: 'noResetToken', actions: 'rejectNoRequirement' },
      { actions: 'rejectFormat' },
    ],
  },
  states: {
    locked: {
      on: {
        unlock: [
          { guard: 'lockedOut', actions: 'refuseWhileLockedOut' },
          { guard: 'passcodeMatches', target: 'home', actions: ['clearMessage', 'forgetFailedAttempts'] },
          { actions: 'refuseWrongPasscode' },
        ],
      },
    },
    home: {
      on: {
        openApp: { target: 'app', actions: 'clearMessage' },
        openSettings: { target: 'settings', actions: 'clearMessage' },
        lock: lockDevice,
      },
    },
    app: { on: { goHome: 'home', lock: lockDevice } },
    /** Settings' screen lock: a passcode set is changed only after the current one is confirmed. */
    settings: {
      on: {
        setPasscode: [
          { guard: and(['lockedOut', 'currentPasscodeGiven']), actions: 'refuseWhileLockedOut' },
          { guard: not('changeConfirmed'), actions: 'refuseUnconfirmedChange' },
          { guard: 'passcodeAcceptable', actions: ['savePasscode', 'forgetFailedAttempts'] },
          { actions: 'refusePasscode' },
        ],
        goHome: { target: 'home', actions: 'clearMessage' },
        lock: lockDevice,
      },
    },
  },
});
