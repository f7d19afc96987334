// The temporary passcodes Intune gives Android devices: random digits from a cryptographic source.
import { randomInt } from 'node:crypto';

/** At least six digits (Android 14 refuses shorter numeric passcodes), and at least the policy's minimum. */
export function generatePasscode(minLength = 0): string {
  const length = Math.max(6, minLength);
  let passcode = '';
  for (let i = 0; i < length; i++) passcode += String(randomInt(10));
  return passcode;
}
