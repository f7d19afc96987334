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

/** Why a passcode does not satisfy a policy, or null when it does. */
export function passcodeRefusal(policy: PasscodePolicy | null, passcode: string): string | null {
  if (passcode.length === 0) return 'The passcode cannot be empty.';
  const minLength = policy?.minLength ?? 0;
  if (passcode.length < minLength) {
    return `The passcode must be at least ${minLength} characters long.`;
  }
  return null;
}
