// An iPhone or iPad under MDM: ClearPasscode with the unlock token, then Apple's 60-minute passcode requirement.
import { and, assign, emit, not, setup, stateIn } from 'xstate';
import { DeviceErrorCode } from '../../shared/commands.js';
import { passcodeSatisfiesPolicy } from '../../shared/policy.js';
import { commandAnswerActions } from './command-answers.js';
import {
  type CommandEvent,
  type DeviceEmitted,
  type DeviceEvent,
  type DeviceMachineInput,
  refused,
} from './device-events.js';
import {
  failedAttemptsFrom,
  type LockScreen,
  lockScreenOfIos,
  passcodeEntryActions,
  passcodeEntryGuards,
  policyRefusalOf,
  replacePasscode,
} from './passcode-entry.js';

/** Apple: after a policy requires a passcode, the user may put it off for 60 minutes. */
export const PASSCODE_GRACE_MS = 60 * 60 * 1000;

export interface IosInput extends DeviceMachineInput {
  /** The unlock token the device holds; ClearPasscode must carry the same one. */
  unlockToken: string;
  /** Enrolled with User Enrollment, where Apple forbids ClearPasscode (apple/device-management passcode.clear.yaml). */
  userEnrollment?: boolean;
  /** What the lock screen calls the device: iPhone, or iPad for an iPad model. */
  product?: 'iPhone' | 'iPad';
  /** A passcode requirement's deadline kept from before the agents restarted: the countdown goes on to it. */
  graceDeadline?: number | null;
}

export interface IosContext {
  passcode: string | null;
  policy: DeviceMachineInput['policy'];
  unlockToken: string;
  userEnrollment: boolean;
  /** When the passcode requirement becomes mandatory (simulated ms), while one is pending. */
  graceDeadline: number | null;
  message: string | null;
  /** Consecutive wrong passcodes, and the lockout they caused (passcode-entry.ts). */
  failedAttempts: number;
  lockout: string | null;
  product: 'iPhone' | 'iPad';
  /** The lock screen of the device's iOS version (passcode-entry.ts): what it says while locked out. */
  lockScreen: LockScreen;
}

/**
 * Input fields the machine copies into its context under the same names and reads nowhere while it starts: devices
 * whose inputs differ only there start in the same state (agents/runtime/snapshot-runner.ts shares the work).
 */
export const IOS_OWN_INPUT_FIELDS = ['unlockToken'] as const satisfies ReadonlyArray<
  keyof IosInput & keyof IosContext
>;

/**
 * The policy requires a passcode and the device has none, or one the policy no longer accepts (too short): iOS then
 * asks for one, or for a change, within 60 minutes.
 */
const needsPasscode = ({ policy, passcode }: Pick<IosContext, 'policy' | 'passcode'>) =>
  !passcodeSatisfiesPolicy(policy, passcode);
const isClearPasscode = (
  event: DeviceEvent,
): event is CommandEvent & { request: { requestType: 'ClearPasscode' } } =>
  event.type === 'command' && event.request.requestType === 'ClearPasscode';

/** xstate's start event: its input carries the start time, which the delay of a state entered at the start reads. */
const isInitEvent = (event: unknown): event is { type: 'xstate.init'; input: IosInput } =>
  (event as { type?: string }).type === 'xstate.init';

const answers = commandAnswerActions<IosContext>();

/**
 * Why an app does not open while the passcode requirement is enforced: iOS asks for a change of the passcode the
 * device has ("You must change your iPhone unlock passcode at this time.", the alert quoted in Apple Community thread
 * 7309187, https://discussions.apple.com/thread/7309187), or for one where it has none. mdmsim's own words: on the
 * device the alert stays in front, so no app opens.
 */
export const PASSCODE_CHANGE_REQUIRED =
  'A passcode change is required: change it in Settings before opening apps.';
export const PASSCODE_REQUIRED = 'A passcode is required: set one in Settings before opening apps.';

/** The user locks the device: its lock screen shows only what passcode entry says now (`showOnlyLockout`). */
const lockDevice = { target: 'locked', actions: 'showOnlyLockout' } as const;

export const iosMachine = setup({
  types: {
    context: {} as IosContext,
    events: {} as DeviceEvent,
    input: {} as IosInput,
    emitted: {} as DeviceEmitted,
  },
  delays: {
    // What is left of the 60 minutes: all of them when they start with a command, the rest of a kept deadline's at
    // the start (a restarted device goes on counting down; a deadline already past is enforced at once).
    passcodeGracePeriod: ({ context, event }) => {
      const start: unknown = event;
      const now = event.type === 'command' ? event.now : isInitEvent(start) ? start.input.now : null;
      return now === null || context.graceDeadline === null
        ? PASSCODE_GRACE_MS
        : Math.max(0, context.graceDeadline - now);
    },
  },
  guards: {
    ...passcodeEntryGuards,
    passcodeMatches: ({ context, event }) =>
      context.passcode === null || (event.type === 'unlock' && event.passcode === context.passcode),
    passcodeAcceptable: ({ context, event }) => policyRefusalOf(context, event) === null,
    unlockTokenMatches: ({ context, event }) =>
      isClearPasscode(event) && event.request.unlockToken === context.unlockToken,
    isClearPasscode: ({ event }) => isClearPasscode(event),
    clearPasscodeForbidden: ({ context, event }) => context.userEnrollment && isClearPasscode(event),
    removesRequiredPasscode: ({ context }) =>
      context.passcode !== null && context.policy?.passcodeRequired === true,
    passcodeMeetsPolicy: ({ context }) => !needsPasscode(context),
    passcodeRequirementEnforced: stateIn({ compliance: 'enforced' }),
  },
  actions: {
    ...passcodeEntryActions<IosContext>((context) => context.lockScreen),
    refuseAppLaunch: emit(({ context }) =>
      refused(context.passcode === null ? PASSCODE_REQUIRED : PASSCODE_CHANGE_REQUIRED),
    ),
    savePasscode: assign({
      passcode: ({ event }) => (event.type === 'setPasscode' ? event.passcode : null),
      message: 'Passcode set.',
      graceDeadline: null,
    }),
    removePasscode: replacePasscode<IosContext>(() => ({ passcode: null })),
    /** The passcode the policy requires is gone: Apple's 60 minutes to set one start. */
    removeRequiredPasscode: replacePasscode<IosContext>((_, event) => ({
      passcode: null,
      graceDeadline: (event.type === 'command' ? event.now : 0) + PASSCODE_GRACE_MS,
    })),
    acknowledge: answers.acknowledge,
    rejectUnlockToken: answers.fail(
      DeviceErrorCode.UnlockTokenInvalid,
      'MCMDMErrorDomain',
      'The unlock token is invalid.',
    ),
    rejectInUserEnrollment: answers.fail(
      DeviceErrorCode.NotAllowedInUserEnrollment,
      'MCMDMErrorDomain',
      'The ClearPasscode command is not allowed on a device enrolled with User Enrollment.',
    ),
    rejectFormat: answers.rejectFormat,
  },
}).createMachine({
  id: 'ios',
  type: 'parallel',
  context: ({ input }) => ({
    passcode: input.passcode,
    policy: input.policy,
    unlockToken: input.unlockToken,
    userEnrollment: input.userEnrollment ?? false,
    product: input.product ?? 'iPhone',
    lockScreen: lockScreenOfIos(input.osVersion),
    graceDeadline: needsPasscode(input) ? (input.graceDeadline ?? input.now + PASSCODE_GRACE_MS) : null,
    // A lockout kept across an agents restart is what the lock screen shows when it comes up again.
    message: input.restoredLockout?.lockout ?? null,
    ...failedAttemptsFrom(input),
  }),
  on: {
    passcodeLockoutEnded: { actions: 'endLockout' },
    command: [
      // Apple forbids ClearPasscode under User Enrollment, whatever the token.
      { guard: 'clearPasscodeForbidden', actions: 'rejectInUserEnrollment' },
      {
        guard: and(['unlockTokenMatches', 'removesRequiredPasscode']),
        // No target here: a root-level target would re-enter the parallel root and reset `ui` to `locked`.
        // compliance.satisfied moves to gracePeriod by itself once the passcode is gone.
        actions: ['removeRequiredPasscode', 'acknowledge'],
      },
      { guard: 'unlockTokenMatches', actions: ['removePasscode', 'acknowledge'] },
      { guard: 'isClearPasscode', actions: 'rejectUnlockToken' },
      { actions: 'rejectFormat' },
    ],
  },
  states: {
    compliance: {
      initial: 'starting',
      states: {
        starting: {
          always: [
            { guard: ({ context }) => needsPasscode(context), target: 'gracePeriod' },
            { target: 'satisfied' },
          ],
        },
        satisfied: {
          always: { guard: ({ context }) => needsPasscode(context), target: 'gracePeriod' },
        },
        /** The 60-minute countdown: the prompt shows on returning Home and may be dismissed. */
        gracePeriod: {
          after: { passcodeGracePeriod: 'enforced' },
          always: { guard: 'passcodeMeetsPolicy', target: 'satisfied' },
        },
        /** Past the deadline: no app opens until a passcode is set. */
        enforced: {
          always: { guard: 'passcodeMeetsPolicy', target: 'satisfied' },
        },
      },
    },
    ui: {
      initial: 'locked',
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
          always: {
            guard: ({ context }) => context.graceDeadline !== null && needsPasscode(context),
            target: 'passcodeRequirement',
          },
          on: {
            openApp: [
              { guard: 'passcodeRequirementEnforced', actions: 'refuseAppLaunch' },
              { target: 'app', actions: 'clearMessage' },
            ],
            openSettings: { target: 'settings', actions: 'clearMessage' },
            lock: lockDevice,
          },
        },
        passcodeRequirement: {
          on: {
            dismissPrompt: { guard: not('passcodeRequirementEnforced'), target: 'dismissed' },
            openSettings: { target: 'settings', actions: 'clearMessage' },
            openApp: [
              { guard: 'passcodeRequirementEnforced', actions: 'refuseAppLaunch' },
              { target: 'app', actions: 'clearMessage' },
            ],
            lock: lockDevice,
          },
        },
        /** Home, with the prompt put off until the user next returns to the Home screen, or until the deadline. */
        dismissed: {
          always: { guard: 'passcodeRequirementEnforced', target: 'passcodeRequirement' },
          on: {
            openApp: [
              {
                guard: 'passcodeRequirementEnforced',
                target: 'passcodeRequirement',
                actions: 'refuseAppLaunch',
              },
              { target: 'app', actions: 'clearMessage' },
            ],
            openSettings: { target: 'settings', actions: 'clearMessage' },
            lock: lockDevice,
          },
        },
        app: {
          on: { goHome: 'home', lock: lockDevice },
        },
        /** Settings › Face ID & Passcode: a passcode set is changed only after the current one is entered. */
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
    },
  },
});
