// Graph's service-side error answers (429, 500, 503, 504) with the body and innerError Graph sends for each.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../http-error.js';

const serviceErrors: Record<number, { code: string; message: string }> = {
  429: { code: 'TooManyRequests', message: 'Please retry again later.' },
  500: { code: 'InternalServerError', message: 'An internal server error occurred.' },
  503: {
    code: 'ServiceUnavailable',
    message: 'The service is temporarily unavailable. Please retry again later.',
  },
  504: { code: 'GatewayTimeout', message: 'The gateway timed out waiting for the service.' },
};

export type ServiceErrorStatus = 429 | 500 | 503 | 504;

/** Sends Graph's error for `status`, with Retry-After when given; innerError carries the status as Graph's does. */
export function graphErrorReply(
  reply: FastifyReply,
  request: FastifyRequest,
  status: ServiceErrorStatus,
  retryAfterSeconds: number | null,
) {
  const { code, message } = serviceErrors[status] ?? { code: 'InternalServerError', message: 'Error.' };
  const body = errorBody(code, message, request.id);
  const innerError = { ...body.error.innerError, code: String(status), status: String(status) };
  if (retryAfterSeconds !== null) void reply.header('retry-after', String(retryAfterSeconds));
  return reply.code(status).send({ error: { ...body.error, innerError } });
}
