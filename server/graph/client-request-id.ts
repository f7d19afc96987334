// The caller's client-request-id, which Graph echoes in its own header and innerError (its request-id is its own).
import type { FastifyRequest } from 'fastify';

/** A client-request-id worth echoing: a short, printable token (Graph's clients send GUIDs). */
const ECHOABLE = /^[\w.:-]{1,128}$/;

export function clientRequestIdOf(request: Pick<FastifyRequest, 'headers'>): string | undefined {
  const value = request.headers['client-request-id'];
  return typeof value === 'string' && ECHOABLE.test(value) ? value : undefined;
}
