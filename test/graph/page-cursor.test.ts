// The $skiptoken codec: whatever the server writes it reads back, and nothing else is a cursor.
import { expect, it } from 'vitest';
import { listingOf, readCursor, writeCursor } from '../../server/graph/odata/page-cursor.js';
import { MAX_ORDER_BY_CLAUSES } from '../../server/graph/odata/query-options.js';

it('reads back every cursor it writes, up to the most $orderby values a listing can have', () => {
  const listing = listingOf('store/managedDevices/', null, []);
  const keys = Array.from({ length: MAX_ORDER_BY_CLAUSES }, (_, i) =>
    i % 4 === 0 ? 'x'.repeat(256) : i % 4 === 1 ? i : i % 4 === 2 ? null : true,
  );
  for (const cursor of [
    { listing, after: 0 },
    { listing, after: Number.MAX_SAFE_INTEGER },
    { listing, after: 17, keys },
  ]) {
    const token = writeCursor(cursor);
    // It fits a query string value as the server bounds them (8,192 characters).
    expect(token.length).toBeLessThan(8_192);
    expect(readCursor(token)).toEqual(cursor);
  }
});

it('names listings apart by their members, $filter and $orderby', () => {
  const names = new Set([
    listingOf('s/managedDevices/', null, []),
    listingOf('s/managedDevices/u1', null, []),
    listingOf('t/managedDevices/', null, []),
    listingOf('s/managedDevices/', { kind: 'startswith', property: 'deviceName', value: 'a' }, []),
    listingOf('s/managedDevices/', null, [{ property: 'deviceName', descending: false }]),
    listingOf('s/managedDevices/', null, [{ property: 'deviceName', descending: true }]),
  ]);
  expect(names.size).toBe(6);
});

it('reads no cursor from what it did not write', () => {
  const valid = JSON.parse(Buffer.from(writeCursor({ listing: 'l', after: 1 }), 'base64url').toString());
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  for (const token of [
    '',
    '1000',
    'not base64!',
    encode({ ...valid, a: -1 }),
    encode({ ...valid, a: 1.5 }),
    encode({ ...valid, extra: 1 }),
    encode({ ...valid, k: [] }),
    encode({ ...valid, k: [{}] }),
    encode([1]),
    Buffer.from('{"l":').toString('base64url'),
  ]) {
    expect(readCursor(token), token).toBeUndefined();
  }
});
