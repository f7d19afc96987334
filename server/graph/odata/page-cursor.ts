// The $skiptoken of an @odata.nextLink: where the next page starts, as a cursor after the page's last member, not as an
// offset. An offset skips one member for every member before it that leaves while a client pages, and lists one twice
// for every one that arrives; Intune's own tokens name the last member's key (`$skiptoken=LastSerialNumber='…'`).
import { z } from 'zod';

/** A value of an $orderby property, as a resource holds it (dates are ISO strings). */
const OrderValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type OrderValue = z.infer<typeof OrderValue>;

export interface PageCursor {
  /** The listing sequence of the last member listed (server/store/store.ts). */
  after: number;
  /** The last member's values of the $orderby properties, when the collection is ordered by them. */
  keys?: OrderValue[];
}

/** The token's JSON: short names, since it rides in every nextLink. */
const CursorJson = z.strictObject({
  a: z.number().int().nonnegative(),
  k: z.array(OrderValue).min(1).max(32).optional(),
});

/** The cursor as an opaque token (base64url of its JSON): clients follow nextLinks and never read it. */
export function writeCursor(cursor: PageCursor): string {
  const json = cursor.keys ? { a: cursor.after, k: cursor.keys } : { a: cursor.after };
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

/** The cursor a token holds, or undefined for anything this server did not write. */
export function readCursor(token: string): PageCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,4096}$/.test(token)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = CursorJson.safeParse(json);
  if (!parsed.success) return undefined;
  return parsed.data.k ? { after: parsed.data.a, keys: parsed.data.k } : { after: parsed.data.a };
}
