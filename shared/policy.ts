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

/**
 * Why a passcode does not satisfy a policy, or null when it does. Its length is counted in characters (code points),
 * not UTF-16 units, so an emoji is one. `android`: the device takes only ASCII 32-127, as AOSP's Settings does.
 */
export function passcodeRefusal(
  policy: PasscodePolicy | null,
  passcode: string,
  options: { android?: boolean } = {},
): string | null {
  if (passcode.length === 0) return 'The passcode cannot be empty.';
  if (
    CONTROL_CHARACTER.test(passcode) ||
    (options.android === true && OUTSIDE_ANDROID_RANGE.test(passcode))
  ) {
    return INVALID_CHARACTER;
  }
  const minLength = policy?.minLength ?? 0;
  if ([...passcode].length < minLength) {
    return `The passcode must be at least ${minLength} characters long.`;
  }
  return null;
}
