// Which request targets belong to the Entra look-alike, and what it answers for one no route takes; used wherever an
// error is answered before or outside its routes (not-found, undecodable URLs, the HTTP parser's refusals).
import { type EntraError, malformedRequest, wrongMethod } from './entra-errors.js';

/** Each Entra endpoint and the one method it serves besides OPTIONS (GET also answers HEAD). */
export const IDENTITY_ENDPOINTS = [
  { url: '/:tenant/v2.0/.well-known/openid-configuration', accepts: 'GET' },
  { url: '/:tenant/discovery/v2.0/keys', accepts: 'GET' },
  { url: '/common/discovery/keys', accepts: 'GET' },
  { url: '/common/discovery/instance', accepts: 'GET' },
  { url: '/:tenant/oauth2/v2.0/token', accepts: 'POST' },
] as const satisfies ReadonlyArray<{ url: string; accepts: 'GET' | 'POST' }>;

/** The second segment of every endpoint (oauth2, discovery, v2.0): `/{tenant}/{section}/…` is Entra's. */
const IDENTITY_SECTIONS: ReadonlySet<string> = new Set(
  IDENTITY_ENDPOINTS.map(({ url }) => url.split('/')[2] ?? ''),
);

/** Graph's prefixes: the router gives every path under them to Graph, whatever its second segment. */
const GRAPH_PREFIXES: ReadonlySet<string> = new Set(['v1.0', 'beta']);

/**
 * The decoded segments of a request target's path (origin or absolute form), as the router sees them: without query
 * or fragment, one trailing slash ignored; a segment that cannot be decoded is kept as sent.
 */
function pathSegments(target: string): string[] {
  let path: string;
  if (target.startsWith('/')) path = target.split(/[?#]/, 1)[0] ?? '';
  else if (URL.canParse(target)) path = new URL(target).pathname;
  else return [];
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path
    .slice(1)
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

/** Whether a raw request target (undecoded, query included) is under the Entra look-alike's prefixes. */
export function isIdentityPath(target: string): boolean {
  const [tenant, section] = pathSegments(target);
  if (!tenant || section === undefined || GRAPH_PREFIXES.has(tenant.toLowerCase())) return false;
  return IDENTITY_SECTIONS.has(section.toLowerCase());
}

/** The endpoint a path names, whatever the method; a `:tenant` segment takes any non-empty one. */
function endpointAt(target: string) {
  const segments = pathSegments(target);
  return IDENTITY_ENDPOINTS.find(({ url }) => {
    const pattern = url.slice(1).split('/');
    return (
      pattern.length === segments.length &&
      pattern.every((part, index) => {
        const segment = segments[index] ?? '';
        return part.startsWith(':') ? segment.length > 0 : part === segment;
      })
    );
  });
}

/**
 * Entra's answer for a request on an identity path that no route takes: AADSTS900561 for a method its endpoint does
 * not serve (as the routes answer every other method), else 404 with Entra's malformed-request code.
 */
export function unroutedIdentityFailure(method: string, target: string): EntraError {
  const endpoint = endpointAt(target);
  if (endpoint) return wrongMethod(`${endpoint.accepts}, OPTIONS`, method);
  return malformedRequest(404, 'No endpoint exists at this path.');
}
