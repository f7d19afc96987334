// Ids are version 4 UUIDs as Graph writes them, never repeated, across the pool's refills.
import { describe, expect, it } from 'vitest';
import { randomUuid } from '../../lib/random-uuid.js';

const VERSION_4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('random UUIDs', () => {
  it('writes version 4, variant 10 UUIDs in lower case, all different, over many draws of the pool', () => {
    const ids = Array.from({ length: 2_000 }, () => randomUuid());
    for (const id of ids) expect(id).toMatch(VERSION_4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('spreads its random bits: every hex digit appears at every random position', () => {
    const seen = Array.from({ length: 36 }, () => new Set<string>());
    for (let draw = 0; draw < 4_000; draw++) {
      const id = randomUuid();
      for (let position = 0; position < 36; position++) seen[position]?.add(id[position] as string);
    }
    const fixed = new Map([
      [8, 1],
      [13, 1],
      [14, 1],
      [18, 1],
      [19, 4],
      [23, 1],
    ]);
    const distinct = seen.map((digits) => digits.size);
    expect(distinct).toEqual(distinct.map((_, position) => fixed.get(position) ?? 16));
  });
});
