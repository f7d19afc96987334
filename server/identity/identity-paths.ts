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
  { url: '/:tenant/oauth2/token', accepts: 'POST' },
] as const satisfies ReadonlyArray<{ url: string; accepts: 'GET' | 'POST' }>;

/**
 * The second segment of every endpoint (oauth2, discovery, v2.0), and of Entra's other tenant paths this look-alike
 * does not serve (v1's `.well-known` metadata, `userrealm`, `federationmetadata`): `/{tenant}/{section}/…` is Entra's.
 */
const IDENTITY_SECTIONS: ReadonlySet<string> = new Set([
  ...IDENTITY_ENDPOINTS.map(({ url }) => url.split('/')[2] ?? ''),
  '.well-known',
  'userrealm',
  'federationmetadata',
]);

/**
 * The app's own first segments (app.ts: Graph's `v1.0` and `beta`, the simulator, the console's assets, the API docs,
 * health, metrics, the device gateway): a path under one of them is never a tenant's, whatever its second segment.
 */
const APP_PREFIXES: ReadonlySet<string> = new Set([
  'v1.0',
  'beta',
  'sim',
  'assets',
  'docs',
  'health',
  'metrics',
  'devices',
]);

/**
 * The decoded segments of a request target's path (origin or absolute form), as the router sees them: without query
 * or fragment, one trailing slash ignored; a segment that cannot be decoded is kept as sent.
 */
function pathSegments(target: string): string[] {
  // An absolute-form target loses only its scheme and authority, as the router reads it (no dot segments resolved).
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target)?.[0] ?? '';
  const rest = target.slice(origin.length);
  if (!rest.startsWith('/')) return [];
  let path = rest.split(/[?#]/, 1)[0] ?? '';
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
  if (!tenant || section === undefined || APP_PREFIXES.has(tenant.toLowerCase())) return false;
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
