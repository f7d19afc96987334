// Secrets compared in constant time. Both sides are hashed first, so the comparison takes the same time whatever the
// presented value's content or length (timingSafeEqual alone needs equal lengths, and refusing early tells the length).
import { timingSafeEqual } from 'node:crypto';
import { sha256 } from './sha256.js';

/** A check of presented values against `secret`, which is hashed once here (one check per request). */
export function secretMatcher(secret: string): (presented: string) => boolean {
  const expected = sha256(secret);
  return (presented) => timingSafeEqual(sha256(presented), expected);
}

/** Whether `presented` is `secret`, for a secret looked up per call. */
export const sameSecret = (presented: string, secret: string): boolean => secretMatcher(secret)(presented);
