// An Android work profile: the reset token (7.0+) the user must activate, and resetPasswordWithToken.
import { and, assign, not, setup, stateIn } from 'xstate';
import { DeviceErrorCode } from '../../shared/commands.js';
import type { ResetTokenState } from '../../shared/device-state.js';
import { compareVersions } from '../../shared/enrollment.js';
import { commandAnswerActions } from './command-answers.js';
import type { CommandEvent, DeviceEmitted, DeviceEvent, DeviceMachineInput } from './device-events.js';
import {
  failedAttemptsFrom,
  passcodeEntryActions,
  passcodeEntryGuards,
  policyRefusalOf,
  replacePasscode,
} from './passcode-entry.js';

/**
 * The notification Intune's Company Portal shows until the user activates the reset token, word for word as Microsoft's
 * "End-to-end guide for configuring Android enterprise devices in Microsoft Intune" quotes it (section "Reset Android
 * work profile passcodes"): "Secure your Work Profile - Authorize your company support to remotely reset your work
 * profile password".
 */
export const SECURE_WORK_PROFILE_NOTIFICATION = {
  id: 'secureWorkProfile',
  title: 'Secure your Work Profile',
  body: 'Authorize your company support to remotely reset your work profile password',
} as const;

export interface WorkProfileInput extends DeviceMachineInput {
  /** Whether the user already activated the token (a device enrolled earlier); the default follows Android. */
  resetTokenActivated?: boolean;
  /** Kept from before a restart: unlocked with a reset's temporary passcode, the user must still choose a new one. */
  mustChangePasscode?: boolean;
  /**
   * Whether this Android version gets a reset token at all, as the Company Portal of the server's edition creates one
   * (shared/support-matrix.ts, `resetTokenAvailable`); absent, the seed's rule: from 7.0.
   */
  resetTokenAvailable?: boolean;
}

export interface WorkProfileContext {
  /** The work profile challenge; `passcode` in the input. */
  passcode: string | null;
  policy: DeviceMachineInput['policy'];
  /** After a reset: the user unlocks with the temporary passcode and must then choose a new one. */
  mustChangePasscode: boolean;
  message: string | null;
  /** Consecutive wrong passcodes, and the lockout they caused (passcode-entry.ts). */
  failedAttempts: number;
  lockout: string | null;
  /** Read once, to enter the reset token's first state. */
  tokenAtEnrollment: ResetTokenState;
}

const ANDROID_DOMAIN = 'android.app.admin.DevicePolicyManager';
const isResetPassword = (
  event: DeviceEvent,
): event is CommandEvent & { request: { requestType: 'ResetPassword'; newPassword: string } } =>
  event.type === 'command' && event.request.requestType === 'ResetPassword';
const enteredPasscode = (event: DeviceEvent) => (event.type === 'enterPasscode' ? event.passcode : undefined);

/**
 * Android's rule (setResetPasswordToken): the token is created when a work profile passcode is required. With a
 * passcode already set it stays inactive until the user confirms that passcode once; with none it is active at once.
 */
function initialTokenState(input: WorkProfileInput): ResetTokenState {
  // Where the edition has no reset token (the seed: before 7.0; today: before 8.0), there is none to activate, so no
  // notification.
  if (!(input.resetTokenAvailable ?? compareVersions(input.osVersion, '7.0') >= 0)) return 'none';
  if (!input.policy?.passcodeRequired) return 'none';
  if (input.passcode === null || input.resetTokenActivated) return 'active';
  return 'inactive';
}

const answers = commandAnswerActions<WorkProfileContext>();

/**
 * Tapping "Secure your Work Profile" opens the work profile challenge. It is an ordinary notification, which the user
 * opens from the notification drawer pulled down over any unlocked screen (Android developers, "Notifications
 * overview", https://developer.android.com/develop/ui/views/notifications), and it stays there until the passcode is
 * entered (REFERENCE.md §1: shown "right after enrollment … once the user enters the passcode, the notification is
 * dismissed"). So it opens from Home, a work app, a personal app, Settings, and from the challenge itself, where it
 * brings back the same challenge. Not from the screens after a reset (the work profile locked, its new passcode): a
 * reset needs an active token, and the notification exists only while the token is inactive. The challenge opens
 * showing only what passcode entry says (a running lockout); leaving it ("goHome") or confirming the passcode goes
 * Home, whatever screen it came from, as it does from Home.
 */
const openWorkChallengeFromNotification = {
  guard: and(['tappedSecureNotification', stateIn({ resetToken: 'inactive' })]),
  target: 'confirmCredential',
  actions: 'showOnlyLockout',
} as const;

export const androidWorkProfileMachine = setup({
  types: {
    context: {} as WorkProfileContext,
    events: {} as DeviceEvent,
    input: {} as WorkProfileInput,
    emitted: {} as DeviceEmitted,
  },
  guards: {
    ...passcodeEntryGuards,
    enteredCurrentPasscode: ({ context, event }) =>
      context.passcode !== null && enteredPasscode(event) === context.passcode,
    passcodeAcceptable: ({ context, event }) => policyRefusalOf(context, event, true) === null,
    tappedSecureNotification: ({ event }) =>
      event.type === 'tapNotification' && event.notificationId === SECURE_WORK_PROFILE_NOTIFICATION.id,
    isResetPassword: ({ event }) => isResetPassword(event),
    mustChangePasscode: ({ context }) => context.mustChangePasscode,
    personalApp: ({ event }) => event.type === 'openApp' && event.app === 'personal',
  },
  actions: {
    ...passcodeEntryActions<WorkProfileContext>(() => 'android'),
    savePasscode: assign({
      passcode: ({ event }) => (event.type === 'setPasscode' ? event.passcode : null),
      mustChangePasscode: false,
      message: 'Work profile passcode set.',
    }),
    resetPasscode: replacePasscode<WorkProfileContext>((_, event) => ({
      passcode: isResetPassword(event) ? event.request.newPassword : null,
      mustChangePasscode: true,
    })),
    acknowledge: answers.acknowledge,
    rejectInactiveToken: answers.fail(
      DeviceErrorCode.ResetTokenNotActive,
      ANDROID_DOMAIN,
      'The passcode reset token exists but is not activated.',
    ),
    rejectNoRequirement: answers.fail(
      DeviceErrorCode.NoPasscodeRequirement,
      ANDROID_DOMAIN,
      'No work profile passcode is required, so there is no passcode reset token.',
    ),
    rejectFormat: answers.rejectFormat,
  },
}).createMachine({
  id: 'androidWorkProfile',
  type: 'parallel',
  context: ({ input }) => ({
    passcode: input.passcode,
    policy: input.policy,
    mustChangePasscode: input.mustChangePasscode ?? false,
    message: null,
    ...failedAttemptsFrom(input),
    tokenAtEnrollment: initialTokenState(input),
  }),
  on: { passcodeLockoutEnded: { actions: 'endLockout' } },
  states: {
    resetToken: {
      initial: 'starting',
      states: {
        starting: {
          always: [
            { guard: ({ context }) => context.tokenAtEnrollment === 'active', target: 'active' },
            { guard: ({ context }) => context.tokenAtEnrollment === 'inactive', target: 'inactive' },
            { target: 'none' },
          ],
        },
        none: {
          on: {
            command: [
              { guard: 'isResetPassword', actions: 'rejectNoRequirement' },
              { actions: 'rejectFormat' },
            ],
          },
        },
        inactive: {
          on: {
            enterPasscode: {
              guard: and(['enteredCurrentPasscode', not('lockedOut'), stateIn({ ui: 'confirmCredential' })]),
              target: 'active',
            },
            // Confirming the work credential anywhere activates the token (AOSP LockSettingsService activates escrow
            // tokens on every verified credential): so does the current passcode typed to change it in Settings.
            setPasscode: {
              guard: and([
                'currentPasscodeGiven',
                'changeConfirmed',
                not('lockedOut'),
                stateIn({ ui: 'settings' }),
              ]),
              target: 'active',
            },
            command: [
              { guard: 'isResetPassword', actions: 'rejectInactiveToken' },
              { actions: 'rejectFormat' },
            ],
          },
        },
        active: {
          on: {
            command: [
              { guard: 'isResetPassword', actions: ['resetPasscode', 'acknowledge'] },
              { actions: 'rejectFormat' },
            ],
          },
        },
      },
    },
    ui: {
      initial: 'home',
      states: {
        home: {
          on: {
            tapNotification: openWorkChallengeFromNotification,
            // A reset locks the work profile only: personal apps still open, a work app asks for the passcode.
            openApp: [
              { guard: 'personalApp', target: 'personalApp', actions: 'clearMessage' },
              { guard: 'mustChangePasscode', target: 'profileLocked', actions: 'clearMessage' },
              { target: 'app', actions: 'clearMessage' },
            ],
            // Changing the work profile lock asks for the current work credential first, so after a reset Settings
            // too goes through the work challenge: the temporary passcode cannot be skipped.
            openSettings: [
              { guard: 'mustChangePasscode', target: 'profileLocked', actions: 'clearMessage' },
              { target: 'settings', actions: 'clearMessage' },
            ],
          },
        },
        /** The work profile challenge that activates the reset token. */
        confirmCredential: {
          on: {
            tapNotification: openWorkChallengeFromNotification,
            enterPasscode: [
              { guard: 'lockedOut', actions: 'refuseWhileLockedOut' },
              {
                guard: 'enteredCurrentPasscode',
                target: 'home',
                actions: [assign({ message: 'Work profile secured.' }), 'forgetFailedAttempts'],
              },
              { actions: 'refuseWrongPasscode' },
            ],
            goHome: { target: 'home', actions: 'clearMessage' },
          },
        },
        /** The work profile is locked after a reset: the user types the temporary passcode. */
        profileLocked: {
          on: {
            enterPasscode: [
              { guard: 'lockedOut', actions: 'refuseWhileLockedOut' },
              {
                guard: and(['enteredCurrentPasscode', 'mustChangePasscode']),
                target: 'setNewPasscode',
                actions: ['clearMessage', 'forgetFailedAttempts'],
              },
              {
                guard: 'enteredCurrentPasscode',
                target: 'app',
                actions: ['clearMessage', 'forgetFailedAttempts'],
              },
              { actions: 'refuseWrongPasscode' },
            ],
            goHome: { target: 'home', actions: 'clearMessage' },
          },
        },
        /** After unlocking with the temporary passcode, Android asks for a new one before going on. */
        setNewPasscode: {
          on: {
            setPasscode: [
              // Android asks for no current passcode here: one given anyway must be right, and is not counted.
              { guard: not('currentPasscodeRightIfGiven'), actions: 'refuseWrongCurrentPasscode' },
              { guard: 'passcodeAcceptable', target: 'app', actions: 'savePasscode' },
              { actions: 'refusePasscode' },
            ],
            // Another reset before the user chose a new passcode locks the work profile again, on its new passcode.
            command: {
              guard: and(['isResetPassword', stateIn({ resetToken: 'active' })]),
              target: 'profileLocked',
              actions: 'clearMessage',
            },
          },
        },
        /** A work app: a reset while it is open locks it behind the work challenge. */
        app: {
          on: {
            tapNotification: openWorkChallengeFromNotification,
            goHome: 'home',
            // An admin's reset the device carries out (its token is active) locks the work profile.
            command: {
              guard: and(['isResetPassword', stateIn({ resetToken: 'active' })]),
              target: 'profileLocked',
              actions: 'clearMessage',
            },
          },
        },
        /** A personal app: the work profile's lock does not reach it. */
        personalApp: { on: { tapNotification: openWorkChallengeFromNotification, goHome: 'home' } },
        /** The work profile's security settings: changing its passcode asks for the current one first. */
        settings: {
          on: {
            setPasscode: [
              { guard: and(['lockedOut', 'currentPasscodeGiven']), actions: 'refuseWhileLockedOut' },
              { guard: not('changeConfirmed'), actions: 'refuseUnconfirmedChange' },
              { guard: 'passcodeAcceptable', actions: ['savePasscode', 'forgetFailedAttempts'] },
              { actions: 'refusePasscode' },
            ],
            goHome: { target: 'home', actions: 'clearMessage' },
            tapNotification: openWorkChallengeFromNotification,
            // An admin's reset the device carries out (its token is active) locks the work profile.
            command: {
              guard: and(['isResetPassword', stateIn({ resetToken: 'active' })]),
              target: 'profileLocked',
              actions: 'clearMessage',
            },
          },
        },
      },
    },
  },
});
