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
    const alphabet = [
      ...'abcXYZ019-._~!$&()*+,;=:@%/?\'" <>`{}|^[]é\t\\',
      ...['%20', '%2e', '%2E', '.%2e', '%2F', '%2f', '%41', '%c3%a9', '%zz', '..', '.', '??', '//'],
      ...['$batch/', '%24batch/', '$BATCH', '\u2028', '😀'],
    ];
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const length = 1 + Math.floor(random() * 24);
      let url = 'deviceManagement/';
      for (let j = 0; j < length; j++) url += alphabet[Math.floor(random() * alphabet.length)];
      const relative = random() < 0.2 ? url.slice('deviceManagement/'.length) : url;
      const inner = resolveInnerUrl('v1.0', relative);
      if (!inner.ok) continue;
      accepted++;
      const reference = parsed(relative);
      expect(inner.path, relative).toBe(reference);
      // The segments the router would see: the parser's path, split below the version and decoded.
      const routed = reference.split('?')[0]?.split('/').slice(2).filter(Boolean).map(decodeURIComponent);
      expect(inner.segments, relative).toEqual(routed);
    }
    expect(accepted).toBeGreaterThan(4_000);
  });

  it('answers a plain path (no escape, query or colon) as the general resolution does', () => {
    expect(resolveInnerUrl('beta', '/deviceManagement/managedDevices/A1-b2/resetPasscode')).toEqual({
      ok: true,
      path: '/beta/deviceManagement/managedDevices/A1-b2/resetPasscode',
      segments: ['deviceManagement', 'managedDevices', 'A1-b2', 'resetPasscode'],
    });
    // Empty segments stay in the path and leave the router's segments, as the parser and the router do.
    expect(resolveInnerUrl('v1.0', 'deviceManagement//managedDevices/')).toEqual({
      ok: true,
      path: '/v1.0/deviceManagement//managedDevices/',
      segments: ['deviceManagement', 'managedDevices'],
    });
    // What the general resolution refuses, a plain path does not slip past.
    for (const url of [
      '/$batch',
      '$BATCH/x',
      'deviceManagement/./managedDevices',
      '/users/../sim',
      '..',
      '//x/y',
    ]) {
      const inner = resolveInnerUrl('v1.0', url);
      expect(inner.ok, url).toBe(false);
    }
    expect(resolveInnerUrl('v1.0', '/$Batch')).toEqual({
      ok: false,
      message: 'A batch cannot contain another batch.',
    });
    expect(resolveInnerUrl('v1.0', 'users/./x')).toEqual({
      ok: false,
      message: 'Batch request URLs cannot contain dot segments or encoded slashes.',
    });
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
