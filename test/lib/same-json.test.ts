// sameJson says what comparing JSON texts would say (keys in any order), for any JSON value and near misses.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { sameJson } from '../../lib/same-json.js';

/** JSON text with keys sorted at every level: equal texts mean the same data. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );

it('agrees with comparing canonical JSON texts', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
      expect(sameJson(a, b)).toBe(canonical(a) === canonical(b));
      expect(sameJson(a, structuredClone(a))).toBe(true);
    }),
  );
});

it('tells apart the near misses a device state can have', () => {
  expect(sameJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
  expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  expect(sameJson({ a: null }, { a: undefined })).toBe(false);
  expect(sameJson({ a: [1] }, { a: { 0: 1 } })).toBe(false);
  expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
  expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  expect(sameJson({ screen: { message: 'x' } }, { screen: { message: 'y' } })).toBe(false);
});
