// The passcode compliance policy a device has installed; both sides read it (the device enforces, the server reports).
import { z } from 'zod';

/**
 * A passcode policy (Apple's com.apple.mobiledevice.passwordpolicy, Android's password quality). On an Android work
 * profile it applies to the work profile challenge, elsewhere to the device passcode.
 */
export const PasscodePolicy = z.strictObject({
  passcodeRequired: z.boolean(),
  minLength: z.number().int().min(0).max(16).default(4),
});
export type PasscodePolicy = z.infer<typeof PasscodePolicy>;

/** Characters no keyboard types (C0 and C1 controls, NUL among them). */
const CONTROL_CHARACTER = /\p{Cc}/u;
/** What Android's lock screen takes: ASCII 32-127 (AOSP `LockscreenCredential`, "lockpassword_illegal_character"). */
const OUTSIDE_ANDROID_RANGE = /[^\x20-\x7f]/;

export const INVALID_CHARACTER = 'The passcode cannot include an invalid character.';

/** Which of a passcode's characters the device refuses, whatever its policy (see `passcodeCharacterProblem`). */
export type PasscodeCharacterProblem = 'controlCharacter' | 'outsideAndroidRange';

/** Which lock screen checks the passcode: `android` for any Android one (device, or a work profile's challenge). */
export interface LockScreenOptions {
  android?: boolean;
}

/**
 * The shortest passcode Android's Settings takes, whatever the DPC's policy asks (a shorter policy minimum is raised
 * to it), for a PIN and a password alike, the work profile's too: AOSP frameworks/base
 * core/java/com/android/internal/widget/LockPatternUtils.java `MIN_LOCK_PASSWORD_SIZE = 4`, applied by Settings'
 * ChooseLockPassword (`mPasswordMinLength = Math.max(LockPatternUtils.MIN_LOCK_PASSWORD_SIZE,
 * mLockPatternUtils.getRequestedMinimumPasswordLength(mUserId))`) and, in later releases, by
 * core/java/android/app/admin/PasswordMetrics.java `validatePasswordMetrics` ("Clamp required length between maximum
 * and minimum valid values": `Math.max(minMetrics.length, MIN_LOCK_PASSWORD_SIZE)`).
 * iOS/iPadOS get no floor here: their fixed Passcode Options are 4 and 6 digits, but no source found says how short a
 * custom numeric or alphanumeric code may be (Apple's Passcode payload `minLength` starts at 0,
 * apple/device-management mdm/profiles/com.apple.mobiledevice.passwordpolicy.yaml). macOS and Windows have none either.
 */
export const ANDROID_MIN_PASSCODE_LENGTH = 4;

/** The fewest characters the device takes in a passcode: the policy's minimum, never below its OS's own floor. */
export function minimumPasscodeLength(
  policy: PasscodePolicy | null,
  options: LockScreenOptions = {},
): number {
  const floor = options.android === true ? ANDROID_MIN_PASSCODE_LENGTH : 0;
  return Math.max(policy?.minLength ?? 0, floor);
}

/**
 * What is wrong with a passcode's characters on the device, or null when it takes them all: a control character on
 * any device, and on Android (`android`) any character outside ASCII 32-127. The one rule, for the devices' own
 * refusal (`passcodeRefusal`) and for the fleet file, which must not start a device with a passcode it would refuse.
 */
export function passcodeCharacterProblem(
  passcode: string,
  options: LockScreenOptions = {},
): PasscodeCharacterProblem | null {
  if (options.android === true) {
    if (!OUTSIDE_ANDROID_RANGE.test(passcode)) return null;
    // AOSP takes DEL (127) with the printable ASCII; a character it refuses that is a control one says so.
    return CONTROL_CHARACTER.test(passcode.replaceAll('\x7f', ''))
      ? 'controlCharacter'
      : 'outsideAndroidRange';
  }
  return CONTROL_CHARACTER.test(passcode) ? 'controlCharacter' : null;
}

/**
 * Why the device refuses a passcode under a policy, or null when it takes it. Its length is counted in characters
 * (code points), not UTF-16 units, so an emoji is one. `android`: the device takes only ASCII 32-127, and no fewer
 * than 4 characters even without a policy, as AOSP's Settings does.
 */
export function passcodeRefusal(
  policy: PasscodePolicy | null,
  passcode: string,
  options: LockScreenOptions = {},
): string | null {
  if (passcode.length === 0) return 'The passcode cannot be empty.';
  if (passcodeCharacterProblem(passcode, options) !== null) return INVALID_CHARACTER;
  const minLength = minimumPasscodeLength(policy, options);
  if ([...passcode].length < minLength) {
    return `The passcode must be at least ${minLength} characters long.`;
  }
  return null;
}

/**
 * Whether a device with `passcode` complies with the policy's passcode rules: the policy requires none, or the device
 * has one the policy accepts (long enough). iOS prompts for a change when it does not; Intune reports every platform's
 * device not compliant (its Android, macOS and Windows compliance policies have the same "minimum password length").
 */
export function passcodeSatisfiesPolicy(
  policy: PasscodePolicy | null,
  passcode: string | null,
  options: LockScreenOptions = {},
): boolean {
  return (
    policy?.passcodeRequired !== true ||
    (passcode !== null && passcodeRefusal(policy, passcode, options) === null)
  );
}
