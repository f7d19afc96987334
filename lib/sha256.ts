// SHA-256 in one call, for secrets compared in constant time and for values derived from names. Node's one-shot `hash`
// (20.12+) skips the Hash stream object `createHash` builds per call: every hello and every Graph request hashes.
import { hash } from 'node:crypto';

export const sha256 = (value: string): Buffer => hash('sha256', value, 'buffer');

export const sha256Hex = (value: string): string => hash('sha256', value, 'hex');
