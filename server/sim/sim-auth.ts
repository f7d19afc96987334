// The simulator API acts as every device's user and steers time, so it answers only to the simulator token.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { secretMatcher } from '../../lib/same-secret.js';
import { HttpError } from '../http-error.js';

/** EventSource cannot send headers, so the event stream alone also takes the token as `?access_token=`. */
export const EVENT_STREAM_TOKEN_PARAMETER = 'access_token';

/**
 * An onRequest hook for the /sim routes: `Authorization: Bearer <simulator token>`, compared in constant time.
 * The admin (Graph) token is not accepted: it is handed to Graph clients under test, which must not act as users.
 */
export function simAuthHook(simToken: string, eventStreamUrl: string) {
  const isSimToken = secretMatcher(simToken);
  return async function requireSimToken(request: FastifyRequest, reply: FastifyReply) {
    const presented = presentedToken(request, request.routeOptions.url === eventStreamUrl);
    if (presented !== undefined && isSimToken(presented)) return;
    reply.header('www-authenticate', 'Bearer realm="mdmsim-simulator"');
    throw new HttpError(
      401,
      'InvalidAuthenticationToken',
      presented === undefined
        ? 'The simulator API needs the simulator token (MDMSIM_SIM_TOKEN) as "Authorization: Bearer <token>".'
        : 'The simulator token is not valid.',
    );
  };
}

function presentedToken(request: FastifyRequest, queryAllowed: boolean): string | undefined {
  const header = request.headers.authorization;
  if (header) return /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? '';
  if (!queryAllowed) return undefined;
  const value = (request.query as Record<string, unknown> | undefined)?.[EVENT_STREAM_TOKEN_PARAMETER];
  return typeof value === 'string' ? value : undefined;
}
