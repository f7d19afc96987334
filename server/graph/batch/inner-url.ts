// Where a $batch sub-request may go: a relative URL, resolved and normalised, that stays under the batch's own version.
import type { GraphVersion } from '../graph-resources.js';

export type InnerUrl =
  /** `segments`: the path's segments below the version root, decoded, empty ones dropped (as the router splits it). */
  { ok: true; path: string; segments: string[] } | { ok: false; message: string };

const nonEmpty = (segment: string) => segment !== '';
/** A segment without a percent escape decodes to itself: the runtime's decoder is skipped for it (most segments). */
const decodeSegment = (segment: string) => (segment.includes('%') ? decodeURIComponent(segment) : segment);

const BATCH_SEGMENT = '$batch';
const RESOLVE_BASE = 'http://graph.invalid';
/**
 * Characters the WHATWG URL parser leaves exactly as they are in an http URL's path and query (it neither encodes nor
 * normalises them; percent escapes stay as written). A URL made of these alone needs no parse: the common case.
 */
const VERBATIM = /^[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*$/;

/**
 * Resolves `url` (relative to the version root, with or without a leading slash) the way a URL parser would, then
 * accepts it only if it is still a path under `/${version}/`, has no fragment and no dot segments, and is not a
 * batch itself. Dot segments are refused rather than resolved, encoded ones (`%2e%2e`) included, so nothing can
 * step out to `/sim`, `/health` or the other version.
 */
export function resolveInnerUrl(version: GraphVersion, url: string): InnerUrl {
  return plainInnerUrl(version, url) ?? resolveAnyInnerUrl(version, url);
}

/**
 * A plain path: characters the parser keeps as they are, without a colon (no scheme), an escape or a query. Nearly
 * every sub-request's URL (`/deviceManagement/managedDevices/{id}/resetPasscode`) is one.
 */
const PLAIN = /^[A-Za-z0-9\-._~!$&()*+,;=@/]*$/;

/**
 * `resolveAnyInnerUrl`'s answer for a plain path, in one pass over its segments (a $batch resolves one per
 * sub-request); null for anything else, including what it refuses (dot segments, a batch), so the general path
 * answers those with its own message.
 */
function plainInnerUrl(version: GraphVersion, url: string): InnerUrl | null {
  if (!PLAIN.test(url) || url.startsWith('//')) return null;
  const parts = url.split('/');
  const first = parts[0] === '' ? 1 : 0;
  const segments: string[] = [];
  for (let index = first; index < parts.length; index++) {
    const segment = parts[index] as string;
    if (segment === '.' || segment === '..') return null;
    if (segment !== '') segments.push(segment);
  }
  const head = parts[first];
  if (head?.length === BATCH_SEGMENT.length && head.toLowerCase() === BATCH_SEGMENT) return null;
  return { ok: true, path: `/${version}/${first === 1 ? url.slice(1) : url}`, segments };
}

function resolveAnyInnerUrl(version: GraphVersion, url: string): InnerUrl {
  if (url.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.includes('\\')) {
    return { ok: false, message: 'Batch request URLs must be relative to the Graph version root.' };
  }
  if (url.includes('#')) return { ok: false, message: 'Batch request URLs cannot carry a fragment.' };
  const [rawPath = '', ...rest] = url.split('?');
  const segments = rawPath.split('/').filter((segment, index) => !(index === 0 && segment === ''));
  let decoded: string[];
  try {
    decoded = segments.map(decodeSegment);
  } catch {
    return { ok: false, message: 'The batch request URL could not be decoded.' };
  }
  if (decoded.some((segment) => segment === '.' || segment === '..' || segment.includes('/'))) {
    return { ok: false, message: 'Batch request URLs cannot contain dot segments or encoded slashes.' };
  }
  if (decoded[0]?.toLowerCase() === BATCH_SEGMENT) {
    return { ok: false, message: 'A batch cannot contain another batch.' };
  }
  const query = rest.length > 0 ? `?${rest.join('?')}` : '';
  const prefix = `/${version}/`;
  const joined = `${prefix}${segments.join('/')}${query}`;
  // What the parser would give back (an empty query is no query); dot segments and slashes were refused above.
  if (VERBATIM.test(joined)) {
    return {
      ok: true,
      path: query === '?' ? joined.slice(0, -1) : joined,
      segments: decoded.filter(nonEmpty),
    };
  }
  let resolved: URL;
  try {
    resolved = new URL(joined, RESOLVE_BASE);
  } catch {
    return { ok: false, message: 'The batch request URL is not valid.' };
  }
  if (resolved.origin !== RESOLVE_BASE || !resolved.pathname.startsWith(prefix)) {
    return { ok: false, message: `Batch request URLs must stay under /${version}.` };
  }
  return {
    ok: true,
    path: `${resolved.pathname}${resolved.search}`,
    // The parser's escapes decode (it only escapes what it must); below `/${version}/`.
    segments: resolved.pathname.split('/').slice(2).filter(nonEmpty).map(decodeURIComponent),
  };
}
