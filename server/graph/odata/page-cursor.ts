// The $skiptoken of an @odata.nextLink: where the next page starts, as a cursor after the page's last member and not as
// an offset, which skips one member for every member listed already that leaves while a client pages. Graph's tokens
// are opaque; Intune's that have been seen name the last member's key (`$skiptoken=LastSerialNumber='…'`).
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** A value of an $orderby property, as a resource holds it (dates are ISO strings). */
const OrderValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type OrderValue = z.infer<typeof OrderValue>;

export interface PageCursor {
  /** Which listing the cursor belongs to (`listingOf`): a token is refused on any other. */
  listing: string;
  /** The listing sequence of the last member listed (server/store/store.ts). */
  after: number;
  /** The last member's values of the $orderby properties, when the collection is ordered by them. */
  keys?: OrderValue[];
}

/** The token's JSON: short names, since it rides in every nextLink. */
const CursorJson = z.strictObject({
  l: z.string().max(64),
  a: z.number().int().nonnegative(),
  k: z.array(OrderValue).min(1).optional(),
});

/**
 * Names a listing: the collection as its members are known (`members`: the store, the entity set and the user it is
 * scoped to), its $filter and its $orderby. A token written for one names no place in another.
 */
export function listingOf(members: string, filter: unknown, orderBy: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([members, filter ?? null, orderBy]))
    .digest('base64url')
    .slice(0, 16);
}

/** The cursor as an opaque token (base64url of its JSON): clients follow nextLinks and never read it. */
export function writeCursor(cursor: PageCursor): string {
  const json = { l: cursor.listing, a: cursor.after, ...(cursor.keys ? { k: cursor.keys } : {}) };
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

/** The cursor a token holds, or undefined for anything this server did not write. */
export function readCursor(token: string): PageCursor | undefined {
  // The query string's own bound (8,192 characters a value) is the length's.
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = CursorJson.safeParse(json);
  if (!parsed.success) return undefined;
  const { l: listing, a: after, k: keys } = parsed.data;
  return keys ? { listing, after, keys } : { listing, after };
}
