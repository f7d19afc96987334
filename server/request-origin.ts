// The origin links are built on (Graph's @odata.context and @odata.nextLink, Entra's discovery URLs): only from a
// well-formed Host header.
import type { FastifyRequest } from 'fastify';
import { badRequest } from './http-error.js';

/** A DNS name or IPv4 address, or a bracketed IPv6 address, each with an optional port. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** Refuses a missing or malformed Host with Graph's 400 instead of failing later on `new URL`. */
export async function requireWellFormedHost(request: FastifyRequest): Promise<void> {
  const host = request.headers.host;
  if (typeof host !== 'string' || !HOST.test(host) || !URL.canParse(`http://${host}/`)) {
    throw badRequest('The request has a missing or malformed Host header.');
  }
}

/** `http(s)://host` of a request whose Host header has been checked. */
export function requestOrigin(request: Pick<FastifyRequest, 'protocol' | 'host'>): string {
  return `${request.protocol}://${request.host}`;
}
