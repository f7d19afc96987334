// Bearer-token authentication for every Graph route: Entra tokens, or the admin token (permissions: graph-api.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { secretMatcher } from '../../lib/same-secret.js';
import { HttpError } from '../http-error.js';
import { GRAPH_APP_ID } from '../identity/app-registrations.js';
import type { GraphCaller } from './graph-caller.js';
import { ALL_PERMISSIONS } from './permissions.js';

/** The static admin token (mdmsim's shortcut, not an Entra token) speaks for one app holding every permission. */
export const ADMIN_TOKEN_APP_ID = 'mdmsim-admin-token';

/** Graph's challenge on a 401, pointing at the Entra look-alike the client called. */
function challenge(request: FastifyRequest): string {
  const authorize = `${request.protocol}://${request.host}/common/oauth2/authorize`;
  return `Bearer realm="", authorization_uri="${authorize}", client_id="${GRAPH_APP_ID}"`;
}

/** Authenticates every request of a Graph plugin; the admin token speaks for `adminUpn` with every permission. */
export function adminAuthHook(adminToken: string, adminUpn: string) {
  const isAdminToken = secretMatcher(adminToken);
  const adminCaller: GraphCaller = {
    appId: ADMIN_TOKEN_APP_ID,
    tenantId: 'mdmsim',
    permissions: ALL_PERMISSIONS,
    upn: adminUpn,
    appOnly: false,
  };

  const authenticate = async (request: FastifyRequest): Promise<GraphCaller> => {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(.*)$/i.exec(header) : null;
    const token = match?.[1]?.trim();
    if (!header || token === '')
      throw new HttpError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    if (!token) {
      throw new HttpError(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
    }
    if (isAdminToken(token)) return adminCaller;
    const verified = await request.server.identity.tokens.verifyGraphToken(token);
    return {
      appId: verified.appId,
      tenantId: verified.tenantId,
      permissions: new Set(verified.roles),
      // An app-only token has no user; the app id is what Intune records as the initiator.
      upn: verified.appId,
      appOnly: true,
    };
  };

  return async function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
    try {
      request.graphCaller = await authenticate(request);
    } catch (error) {
      if (error instanceof HttpError && error.statusCode === 401) {
        reply.header('www-authenticate', challenge(request));
      }
      throw error;
    }
  };
}
