// The passcode entries every device machine handles alike: a wrong passcode, or one the policy refuses, is refused
// with the reason on screen and reported to the runtime; repeated wrong passcodes lock entry out as the OS does.
import { assign, enqueueActions } from 'xstate';
import { compareVersions, type OperatingSystem } from '../../shared/enrollment.js';
import { type PasscodePolicy, passcodeRefusal } from '../../shared/policy.js';
import {
  type DeviceEmitted,
  type DeviceEvent,
  type DeviceMachineInput,
  type LockoutEndedEvent,
  PASSCODE_REFUSED,
  refused,
  WRONG_PASSCODE,
} from './device-events.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Gatekeeper's `failure_timeout_ms`, and the failure from which every further one waits a day. */
const ANDROID_TIMEOUT_MS = 30_000;
const ANDROID_LAST_STEP = 140;
/** Windows' default account lockout (Windows 11 22H2 and later): threshold, duration and counter reset. */
const WINDOWS_THRESHOLD = 10;
const WINDOWS_LOCKOUT_MS = 10 * MINUTE;

/**
 * Apple's escalating delays (Apple Platform Security, "Passcodes and passwords",
 * https://support.apple.com/guide/security/sec20230a10d): attempts 1-4 none, 5 one minute, 6 five minutes, 7-8
 * fifteen minutes, 9 and later one hour. Past the 9th more failures change nothing, so the count stops there.
 */
const appleDelay = (failures: number) =>
  failures < 5
    ? 0
    : failures === 5
      ? MINUTE
      : failures === 6
        ? 5 * MINUTE
        : failures <= 8
          ? 15 * MINUTE
          : HOUR;
const appleCount = (failures: number) => Math.min(failures + 1, 9);

const minutesOf = (ms: number) => {
  const minutes = Math.round(ms / MINUTE);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
};

/** What one OS's lock screen does with consecutive wrong passcodes. */
interface LockScreenRules {
  /** How long passcode entry is refused after the n-th consecutive wrong passcode (0: not at all). */
  delayAfter(failures: number): number;
  /**
   * The count after one more failure. Past the last step of its schedule more failures change nothing, so the count
   * stops there (or starts again where the OS forgets it): a bounded count keeps every machine finite.
   */
  countAfterFailure(failures: number): number;
  /** What the screen says while entry is locked out; an iPad names itself (`product`). */
  message(ms: number, product: string | undefined): string;
}

/**
 * Each OS's lock screen (`LockScreen`; `lockScreenOfIos` and `lockScreenOfComputer` choose by version):
 * - `ios`, `iosBefore15_2`: Apple's delays. iOS 15.2 replaced "iPhone is disabled. Try again in N minutes" with
 *   "iPhone Unavailable" / "Security Lockout" (third-party pages, no Apple page found: beebom.com "How to erase and
 *   reset a locked iPhone": "In iOS 15.1 or earlier iOS versions, entering the wrong passcode several times disables
 *   your iPhone"; winenfood.com "The iPhone Unavailable Timer Explained": it "replaced the older 'iPhone is Disabled'
 *   screen starting with iOS 15.2"; appgeeker.com "Security Lockout": "iOS 15.2 or later").
 * - `android` (Android 6.0 and later; AOSP Gatekeeper, system/gatekeeper/gatekeeper.cpp `ComputeRetryTimeout`, which
 *   counts every failure until the right credential): 30 seconds after the 5th and the 10th, after each of the 11th
 *   to 29th, then doubling every ten failures from the 30th (30 s x 2^((n - 30) / 10)), and one day from the 140th.
 * - `macOS`: a Mac with Apple silicon or the T2 chip applies Apple's delays to the login password too (the same table
 *   as iOS: sir-apfelot.de, "Wrong password and unlock code: you have this many attempts on Mac and iPhone", quoting
 *   Apple Platform Security; Apple's page itself says Apple "enforces time delays (for iOS and iPadOS) and a limited
 *   number of password attempts (for Mac)"). After the 10th the login window takes no more and recoveryOS is needed;
 *   not simulated, as iOS's disabling at the 10th is not: mdmsim keeps one hour each.
 * - `windows`: Windows 11 22H2 and later set a default account lockout policy at setup (Microsoft, KB5020282
 *   "Account lockout available for built-in local administrators": threshold 10 invalid attempts, duration 10
 *   minutes, counter reset after 10 minutes; https://support.microsoft.com/topic/bce45c4d-f28d-43ad-b6fe-70156cb2dc00).
 *   The 10th wrong password locks the account for 10 minutes; by then the counter's reset time has passed too, so
 *   the count starts again. Not simulated: the counter forgetting failures 10 minutes after the last one.
 * - `windowsWithoutLockout`: earlier Windows, whose "Account lockout threshold" is 0 on a client computer (Microsoft
 *   Learn, "Account lockout threshold", Default values: "0 invalid sign-in attempts"): never locked out.
 * Which Windows gets which is mdmsim's choice, unverified: KB5020282 also gives the default to any PC that installed
 * the October 2022 cumulative updates before its setup, which a build number cannot tell, so a build from 22621 is
 * taken as set up with the default and an older one as set up before it. Both sources describe the local account
 * policy; for an Entra-joined PC's Entra sign-in, Entra's smart lockout applies (10 failures, then a minute and longer:
 * learn.microsoft.com/entra/identity/authentication/howto-password-smart-lockout), which mdmsim does not model.
 */
export const lockScreens = {
  ios: {
    delayAfter: appleDelay,
    countAfterFailure: appleCount,
    message: (ms, product) => `${product ?? 'iPhone'} Unavailable. Try again in ${minutesOf(ms)}.`,
  },
  iosBefore15_2: {
    delayAfter: appleDelay,
    countAfterFailure: appleCount,
    message: (ms, product) => `${product ?? 'iPhone'} is disabled. Try again in ${minutesOf(ms)}.`,
  },
  android: {
    delayAfter: (failures) =>
      failures <= 10
        ? failures > 0 && failures % 5 === 0
          ? ANDROID_TIMEOUT_MS
          : 0
        : failures < 30
          ? ANDROID_TIMEOUT_MS
          : failures < ANDROID_LAST_STEP
            ? ANDROID_TIMEOUT_MS * 2 ** Math.floor((failures - 30) / 10)
            : DAY,
    countAfterFailure: (failures) => Math.min(failures + 1, ANDROID_LAST_STEP),
    message: (ms) => `Too many incorrect attempts. Try again in ${Math.round(ms / 1000)} seconds.`,
  },
  macOS: {
    delayAfter: appleDelay,
    countAfterFailure: appleCount,
    // Unverified: no source found gives the login window's own words while it waits; a neutral text in its style.
    message: (ms) => `Too many failed password attempts. Try again in ${minutesOf(ms)}.`,
  },
  windows: {
    delayAfter: (failures) => (failures === WINDOWS_THRESHOLD ? WINDOWS_LOCKOUT_MS : 0),
    countAfterFailure: (failures) => (failures + 1) % WINDOWS_THRESHOLD,
    // The sign-in screen's words (Win32 ERROR_ACCOUNT_LOCKED_OUT), quoted by many pages, e.g. appuals.com "Fix: The
    // referenced account is currently locked out"; it names no time.
    message: () => 'The referenced account is currently locked out and may not be logged on to.',
  },
  windowsWithoutLockout: {
    delayAfter: () => 0,
    countAfterFailure: () => 0,
    message: () => 'The referenced account is currently locked out and may not be logged on to.',
  },
} as const satisfies Record<string, LockScreenRules>;
export type LockScreen = keyof typeof lockScreens;

/** An iPhone's or iPad's lock screen: "Unavailable" from iOS 15.2, "is disabled" before. */
export const lockScreenOfIos = (osVersion: string): LockScreen =>
  compareVersions(osVersion, '15.2') < 0 ? 'iosBefore15_2' : 'ios';

/**
 * A computer's lock screen: a Mac's, or a Windows PC's by its build (Intune reports a Windows PC's osVersion as
 * 10.0.<build>, Windows 10 and 11 alike; Windows 11 22H2 is build 22621). Without its OS (a machine started on its own
 * in a test), a computer is told by its version: a Mac's is its macOS version (10.7 to 10.15, then 11 and later).
 */
export const lockScreenOfComputer = (osVersion: string, operatingSystem?: OperatingSystem): LockScreen =>
  (operatingSystem ?? (osVersion.startsWith('10.0.') ? 'Windows' : 'macOS')) === 'macOS'
    ? 'macOS'
    : compareVersions(osVersion, '10.0.22621') >= 0
      ? 'windows'
      : 'windowsWithoutLockout';

/** Raised on the simulated clock when a lockout ends. */
export const LOCKOUT_ENDED = 'passcodeLockoutEnded' satisfies LockoutEndedEvent['type'];

export interface PasscodeEntryContext {
  /** The passcode entry checks against (the work profile's on a work profile), or null when none is set. */
  passcode: string | null;
  policy: PasscodePolicy | null;
  message: string | null;
  /** Consecutive wrong passcodes since the last right one. */
  failedAttempts: number;
  /** The message shown while passcode entry is locked out, or null when it is not. */
  lockout: string | null;
  /** What the lock screen calls the device (iOS: iPhone or iPad), where the OS names it. */
  product?: string;
}

/** The starting lockout fields of every machine's context. */
export const noFailedAttempts = { failedAttempts: 0, lockout: null } as const;

/** The starting lockout fields of a machine's context: none, or those kept from before the agents restarted. */
export const failedAttemptsFrom = (
  input: DeviceMachineInput,
): Pick<PasscodeEntryContext, 'failedAttempts' | 'lockout'> =>
  input.restoredLockout
    ? { failedAttempts: input.restoredLockout.failedAttempts, lockout: input.restoredLockout.lockout }
    : noFailedAttempts;

/**
 * Why the device refuses the passcode a `setPasscode` event carries under its policy, or null when it is acceptable;
 * `android`: an Android lock screen, which takes ASCII only and no fewer than 4 characters (shared/policy.ts).
 */
export const policyRefusalOf = (
  context: PasscodeEntryContext,
  event: DeviceEvent,
  android = false,
): string | null =>
  event.type === 'setPasscode'
    ? passcodeRefusal(context.policy, event.passcode, { android })
    : PASSCODE_REFUSED;

/** The current passcode a `setPasscode` event carries, if any. */
const currentPasscodeOf = (event: DeviceEvent) =>
  event.type === 'setPasscode' ? event.currentPasscode : undefined;

type GuardArgs = { context: PasscodeEntryContext; event: DeviceEvent };

/** Named guards for a machine's `setup({ guards })`. */
export const passcodeEntryGuards = {
  /** Passcode entry is locked out after too many wrong passcodes: even the right one is refused. */
  lockedOut: ({ context }: GuardArgs) => context.lockout !== null,
  /** A current passcode was typed (a change in Settings, or given where none is asked). */
  currentPasscodeGiven: ({ event }: GuardArgs) => currentPasscodeOf(event) !== undefined,
  /**
   * A change in Settings that may go ahead: the OS asks for the current passcode before a new one (iOS: Settings ›
   * Face ID & Passcode › Change Passcode; Android: Settings' confirm-credential step, AOSP ChooseLockGeneric), so it
   * must be given and right when one is set; with none set there is nothing to give.
   */
  changeConfirmed: ({ context, event }: GuardArgs) =>
    context.passcode === null
      ? currentPasscodeOf(event) === undefined
      : currentPasscodeOf(event) === context.passcode,
  /** Where no current passcode is asked (a new one owed after a reset), one given anyway must still be right. */
  currentPasscodeRightIfGiven: ({ context, event }: GuardArgs) => {
    const given = currentPasscodeOf(event);
    return given === undefined || given === context.passcode;
  },
};

/** Refusals of a passcode change that did not confirm the current passcode (none of them counted). */
export const CURRENT_PASSCODE_REQUIRED = 'Enter your current passcode first.';
export const NO_CURRENT_PASSCODE = 'No passcode is set, so there is no current passcode to enter.';

/**
 * The action of an admin's Remove passcode or Reset passcode: the passcode changes as `changesOf` says, and what was
 * about the old one goes with it: the wrong attempts counted against it, any lockout they caused, and the message on
 * screen. Intune offers the action for exactly this, a user locked out of the device; AOSP's Gatekeeper starts a fresh
 * failure record with the new credential. One assignment for all of it: xstate builds a whole snapshot per assign
 * action, and this runs once per device in a fleet-wide reset.
 */
export function replacePasscode<TContext extends PasscodeEntryContext>(
  changesOf: (context: TContext, event: DeviceEvent) => Partial<TContext>,
) {
  return enqueueActions<
    TContext,
    DeviceEvent,
    undefined,
    DeviceEvent,
    never,
    never,
    never,
    never,
    DeviceEmitted
  >(({ context, event, enqueue }) => {
    if (context.lockout !== null) enqueue.cancel(LOCKOUT_ENDED);
    enqueue.assign(
      () =>
        ({
          failedAttempts: 0,
          lockout: null,
          message: null,
          ...changesOf(context, event),
        }) as Partial<TContext>,
    );
  });
}

/**
 * Named actions for a machine's `setup({ actions })`, with the lock screen whose lockout applies (`lockScreenOf`); an
 * Android one also takes only Android's passcodes (`policyRefusalOf`).
 */
export function passcodeEntryActions<TContext extends PasscodeEntryContext>(
  lockScreenOf: (context: TContext) => LockScreen,
) {
  /** Refuses the input: shows the reason on screen (with any lockout change) and tells the runtime. */
  const refuse = (
    reasonOf: (
      context: TContext,
      event: DeviceEvent,
    ) => { reason: string; changes?: Partial<PasscodeEntryContext>; lockoutMs?: number },
  ) =>
    enqueueActions<TContext, DeviceEvent, undefined, DeviceEvent, never, never, never, never, DeviceEmitted>(
      ({ context, event, enqueue }) => {
        const { reason, changes, lockoutMs } = reasonOf(context, event);
        enqueue.assign(() => ({ message: reason, ...changes }) as Partial<TContext>);
        enqueue.emit(refused(reason, lockoutMs));
        if (lockoutMs) enqueue.raise({ type: LOCKOUT_ENDED }, { delay: lockoutMs, id: LOCKOUT_ENDED });
      },
    );
  const wrongPasscode = (context: TContext) => {
    const rules = lockScreens[lockScreenOf(context)];
    const delay = rules.delayAfter(context.failedAttempts + 1);
    const failedAttempts = rules.countAfterFailure(context.failedAttempts);
    if (delay === 0) return { reason: WRONG_PASSCODE, changes: { failedAttempts } };
    const lockout = rules.message(delay, context.product);
    return { reason: lockout, changes: { failedAttempts, lockout }, lockoutMs: delay };
  };
  return {
    clearMessage: assign<TContext, DeviceEvent, undefined, DeviceEvent, never>(
      () => ({ message: null }) as Partial<TContext>,
    ),
    /**
     * A passcode screen comes up (the lock screen, the work challenge): it shows only what passcode entry says now,
     * the lockout while entry is locked out, else nothing. What the screen before it said (Settings' "Passcode set.",
     * a wrong-passcode notice) stays behind with that screen. A lockout outlives the screen it began on: AOSP's
     * keyguard and ConfirmLockPassword read the lockout deadline when they come up and show the countdown
     * (`handleAttemptLockout`, `kg_too_many_failed_attempts_countdown`); iOS enforces its delays wherever the
     * passcode is typed (Apple Platform Security, "Passcodes and passwords").
     */
    showOnlyLockout: assign<TContext, DeviceEvent, undefined, DeviceEvent, never>(
      ({ context }) => ({ message: context.lockout }) as Partial<TContext>,
    ),
    /** A wrong passcode: counted, and past the OS's threshold passcode entry locks out on the simulated clock. */
    refuseWrongPasscode: refuse(wrongPasscode),
    /**
     * A change whose current passcode was missing, given with none set, or wrong: only a wrong one is counted, as a
     * wrong passcode anywhere is (AOSP: Settings verifies through Gatekeeper, which counts every failure; iOS: the
     * Secure Enclave enforces the delays on the passcode wherever it is typed).
     */
    /** A current passcode given where the OS asks for none, and wrong: refused, not counted. */
    refuseWrongCurrentPasscode: refuse(() => ({ reason: WRONG_PASSCODE })),
    refuseUnconfirmedChange: refuse((context, event) => {
      const given = currentPasscodeOf(event);
      if (given === undefined) return { reason: CURRENT_PASSCODE_REQUIRED };
      if (context.passcode === null) return { reason: NO_CURRENT_PASSCODE };
      return wrongPasscode(context);
    }),
    /** Any passcode typed while locked out is refused (and not counted), as on the device. */
    refuseWhileLockedOut: refuse((context) => ({ reason: context.lockout ?? WRONG_PASSCODE })),
    /** The lockout's time is up: passcode entry opens again, and its message goes. */
    endLockout: assign<TContext, DeviceEvent, undefined, DeviceEvent, never>(
      ({ context }) =>
        ({
          lockout: null,
          message: context.message === context.lockout ? null : context.message,
        }) as Partial<TContext>,
    ),
    /** The right passcode: the count of wrong ones starts again. */
    forgetFailedAttempts: assign<TContext, DeviceEvent, undefined, DeviceEvent, never>(
      () => ({ failedAttempts: 0 }) as Partial<TContext>,
    ),
    refusePasscode: refuse((context, event) => ({
      reason: policyRefusalOf(context, event, lockScreenOf(context) === 'android') ?? PASSCODE_REFUSED,
    })),
  };
}
