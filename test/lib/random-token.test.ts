// Made-up secrets: base64url of the asked length, all different, and none a command line would read as a flag.
import { describe, expect, it } from 'vitest';
import { randomToken } from '../../lib/random-token.js';

describe('randomToken', () => {
  it('never starts with "-" (one in 64 would without the redraw), and is base64url of the asked bytes', () => {
    const tokens = Array.from({ length: 20_000 }, () => randomToken(24));
    expect(tokens.filter((token) => token.startsWith('-'))).toEqual([]);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens.slice(0, 100)) {
      expect(token).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{31}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(24);
    }
  });
});
