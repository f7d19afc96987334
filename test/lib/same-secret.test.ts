// Secrets are compared in constant time whatever the presented value's length.
import { describe, expect, it } from 'vitest';
import { sameSecret, secretMatcher } from '../../lib/same-secret.js';

describe('secret comparison', () => {
  it('accepts the secret and nothing else, whatever the length presented', () => {
    const isToken = secretMatcher('correct-horse-battery-staple');
    expect(isToken('correct-horse-battery-staple')).toBe(true);
    expect(isToken('correct-horse-battery-stapla')).toBe(false);
    expect(isToken('correct')).toBe(false);
    expect(isToken('')).toBe(false);
    expect(isToken('correct-horse-battery-staple ')).toBe(false);
  });

  it('compares a secret looked up per call the same way', () => {
    expect(sameSecret('s3cret', 's3cret')).toBe(true);
    expect(sameSecret('s3cret', 's3cre')).toBe(false);
    expect(sameSecret('', 's3cret')).toBe(false);
  });
});
