// A $batch sub-request's URL resolves exactly as the WHATWG URL parser resolves it, fast path or not.
import { describe, expect, it } from 'vitest';
import { resolveInnerUrl } from '../../server/graph/batch/inner-url.js';

/** The reference: every accepted URL, resolved by the parser itself. */
function parsed(url: string): string {
  const resolved = new URL(`/v1.0/${url.replace(/^\//, '')}`, 'http://graph.invalid');
  return `${resolved.pathname}${resolved.search}`;
}

/** A small deterministic PRNG (mulberry32), so a failure repeats. */
function prng(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('resolveInnerUrl', () => {
  it('gives what the URL parser gives, for 20,000 URLs of verbatim and escaped characters', () => {
    const random = prng(20261130);
    const alphabet = [...'abcXYZ019-._~!$&()*+,;=:@%/?\'" <>`{}|^[]é%2e%41', '%20', '%2F', '..', '.'];
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const length = 1 + Math.floor(random() * 24);
      let url = 'deviceManagement/';
      for (let j = 0; j < length; j++) url += alphabet[Math.floor(random() * alphabet.length)];
      const inner = resolveInnerUrl('v1.0', url);
      if (!inner.ok) continue;
      accepted++;
      expect(inner.path, url).toBe(parsed(url));
      // The segments the router would see: the resolved path's, decoded, below the version.
      const routed = inner.path.split('?')[0]?.split('/').slice(2).filter(Boolean).map(decodeURIComponent);
      expect(inner.segments, url).toEqual(routed);
    }
    expect(accepted).toBeGreaterThan(5_000);
  });

  it('drops an empty query and keeps escapes as written', () => {
    expect(resolveInnerUrl('v1.0', '/deviceManagement/managedDevices?')).toEqual({
      ok: true,
      path: '/v1.0/deviceManagement/managedDevices',
      segments: ['deviceManagement', 'managedDevices'],
    });
    expect(resolveInnerUrl('v1.0', 'users/a%41b?$top=5')).toEqual({
      ok: true,
      path: '/v1.0/users/a%41b?$top=5',
      segments: ['users', 'aAb'],
    });
    expect(resolveInnerUrl('v1.0', "users/o'neil?$filter=x eq 'y'")).toEqual({
      ok: true,
      path: "/v1.0/users/o'neil?$filter=x%20eq%20%27y%27",
      segments: ['users', "o'neil"],
    });
  });
});
