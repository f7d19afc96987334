// Random (version 4) UUIDs as flat strings, for the ids every action makes (its action, command and batch request
// ids). Node's `crypto.randomUUID` builds each id by concatenating 20 pieces: the result is a tree of string pieces
// (about 600 bytes of garbage per id) that V8 must flatten into a copy before it can hash or compare it as a Map key.
// Here the 36 characters are written into one buffer and read out as one string (`bench/uuid-keys.ts` measures both);
// the random bytes come from the same CSPRNG (`randomFillSync`), drawn for 256 ids at a time as Node draws for 128.
import { randomFillSync } from 'node:crypto';

const IDS_PER_DRAW = 256;
const pool = Buffer.alloc(16 * IDS_PER_DRAW);
let next = pool.length;
const text = Buffer.alloc(36);
const HEX = Buffer.from('0123456789abcdef', 'latin1');
const DASH = 0x2d;

/** A new random UUID (RFC 9562 version 4, variant 10), lower-case, as `crypto.randomUUID` returns. */
export function randomUuid(): string {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const start = next;
  next += 16;
  let at = 0;
  for (let index = 0; index < 16; index++) {
    if (index === 4 || index === 6 || index === 8 || index === 10) text[at++] = DASH;
    let byte = pool[start + index] as number;
    if (index === 6) byte = (byte & 0x0f) | 0x40;
    else if (index === 8) byte = (byte & 0x3f) | 0x80;
    text[at++] = HEX[byte >> 4] as number;
    text[at++] = HEX[byte & 0x0f] as number;
  }
  return text.toString('latin1', 0, 36);
}
