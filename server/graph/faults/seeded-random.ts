// A small seeded PRNG (mulberry32 over a SHA-256 of the seed) so a fraction of faults falls the same way every run.
import { sha256 } from '../../../lib/sha256.js';

export function seededRandom(seed: string): () => number {
  let state = sha256(seed).readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
