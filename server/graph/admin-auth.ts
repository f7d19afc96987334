// Bearer-token authentication for the Graph API: the one admin token, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http-error.js';
import type { GraphCaller } from './graph-caller.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The static admin token speaks for one app that holds every permission mdmsim knows. */
export const ADMIN_TOKEN_APP_ID = 'mdmsim-admin-token';

export function adminAuthHook(adminToken: string, caller: Omit<GraphCaller, 'appId'>) {
  const expected = digest(adminToken);
  const adminCaller: GraphCaller = { appId: ADMIN_TOKEN_APP_ID, ...caller };
  return async function requireAdmin(request: FastifyRequest, _reply: FastifyReply) {
    const header = request.headers.authorization;
    if (!header) throw new HttpError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match?.[1] || !timingSafeEqual(digest(match[1].trim()), expected)) {
      throw new HttpError(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
    }
    request.graphCaller = adminCaller;
  };
}
