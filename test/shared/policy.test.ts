// What a passcode policy refuses: the length in characters, and the characters a device's keyboard cannot type.
import { describe, expect, it } from 'vitest';
import {
  INVALID_CHARACTER,
  minimumPasscodeLength,
  passcodeCharacterProblem,
  passcodeRefusal,
  passcodeSatisfiesPolicy,
} from '../../shared/policy.js';

const policy = { passcodeRequired: true, minLength: 6 };

describe('passcodeRefusal', () => {
  it('counts characters, not UTF-16 units: three emoji are three characters', () => {
    expect(passcodeRefusal(policy, '😀😀😀')).toBe('The passcode must be at least 6 characters long.');
    expect(passcodeRefusal(policy, '😀😀😀😀😀😀')).toBeNull();
  });

  it('refuses control characters on every device: no keyboard types a NUL', () => {
    expect(passcodeRefusal(policy, '\u0000'.repeat(6))).toBe(INVALID_CHARACTER);
    expect(passcodeRefusal(policy, '123\n456')).toBe(INVALID_CHARACTER);
  });

  it('takes only ASCII 32-127 on Android (AOSP), any other character elsewhere', () => {
    expect(passcodeRefusal(policy, 'pässwörd', { android: true })).toBe(INVALID_CHARACTER);
    expect(passcodeRefusal(policy, 'pässwörd')).toBeNull();
    expect(passcodeRefusal(policy, 'pass word!', { android: true })).toBeNull();
  });

  it("takes DEL (127) on Android, as AOSP's range does, and refuses it elsewhere as a control character", () => {
    // AOSP Settings' validatePassword: "if (c < 32 || c > 127) { errorCode |= CONTAINS_INVALID_CHARACTERS".
    expect(passcodeRefusal(policy, 'delete\u007f', { android: true })).toBeNull();
    expect(passcodeRefusal(policy, 'delete\u007f')).toBe(INVALID_CHARACTER);
    expect(passcodeRefusal(policy, 'c1\u0085ctrl', { android: true })).toBe(INVALID_CHARACTER);
  });
});

describe("Android's shortest passcode (AOSP LockPatternUtils.MIN_LOCK_PASSWORD_SIZE = 4)", () => {
  const tooShort = (n: number) => `The passcode must be at least ${n} characters long.`;

  it('refuses fewer than 4 characters on Android without a policy, or under a lower policy minimum', () => {
    expect(passcodeRefusal(null, '1', { android: true })).toBe(tooShort(4));
    expect(passcodeRefusal(null, 'ab!', { android: true })).toBe(tooShort(4));
    expect(passcodeRefusal({ passcodeRequired: true, minLength: 0 }, '12', { android: true })).toBe(
      tooShort(4),
    );
    expect(passcodeRefusal(null, '1234', { android: true })).toBeNull();
  });

  it("names the policy's minimum when it is the higher one", () => {
    expect(passcodeRefusal(policy, '12', { android: true })).toBe(tooShort(6));
    expect(minimumPasscodeLength(policy, { android: true })).toBe(6);
    expect(minimumPasscodeLength(null, { android: true })).toBe(4);
  });

  it('keeps no floor off Android (iOS, macOS, Windows): only the policy counts there', () => {
    expect(passcodeRefusal(null, '1')).toBeNull();
    expect(minimumPasscodeLength(null)).toBe(0);
    expect(passcodeRefusal({ passcodeRequired: true, minLength: 2 }, '1')).toBe(tooShort(2));
  });

  it('makes an Android passcode under 4 characters non-compliant even where the policy asks fewer', () => {
    const lenient = { passcodeRequired: true, minLength: 0 };
    expect(passcodeSatisfiesPolicy(lenient, '123', { android: true })).toBe(false);
    expect(passcodeSatisfiesPolicy(lenient, '1234', { android: true })).toBe(true);
    expect(passcodeSatisfiesPolicy(lenient, '123')).toBe(true);
  });
});

describe('passcodeCharacterProblem', () => {
  it("names what the device refuses in a passcode's characters, whatever the policy", () => {
    expect(passcodeCharacterProblem('12\t34')).toBe('controlCharacter');
    expect(passcodeCharacterProblem('12\t34', { android: true })).toBe('controlCharacter');
    expect(passcodeCharacterProblem('pässwörd', { android: true })).toBe('outsideAndroidRange');
    expect(passcodeCharacterProblem('pässwörd')).toBeNull();
    expect(passcodeCharacterProblem(' ~', { android: true })).toBeNull();
  });
});
