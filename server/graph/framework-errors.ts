// Errors Fastify itself raises (router, body parser) as Graph's error codes, so every answer carries Graph's body.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../http-error.js';
import { clientRequestIdOf } from './client-request-id.js';

const graphCodeOf: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'RequestEntityTooLarge',
  FST_ERR_MAX_PARAM_LENGTH: 'RequestUriTooLong',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UnsupportedMediaType',
};

/** Graph's code for a status when the error itself names none (a static file's 403 was `BadRequest`). */
const graphCodeOfStatus: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  413: 'RequestEntityTooLarge',
  414: 'RequestUriTooLong',
  415: 'UnsupportedMediaType',
  431: 'RequestHeaderFieldsTooLarge',
};

/**
 * Graph's error code for a Fastify error below 500: a specific one where Graph has it, else the status's, else
 * BadRequest.
 */
export function graphCodeForFrameworkError(
  error: Pick<FastifyError, 'code'> & { statusCode?: number },
): string {
  return graphCodeOf[error.code] ?? graphCodeOfStatus[error.statusCode ?? 400] ?? 'BadRequest';
}

/**
 * The longest path segment the router takes (Fastify's `maxParamLength`, 100 by default): Node's 16 KiB head limit
 * refuses a longer one first over HTTP, and `$batch` refuses it in a sub-request's URL the same way (414).
 */
export const MAX_PATH_SEGMENT_LENGTH = 16_384;

/** The status and message of a URL Fastify's router refused: undecodable (400) or a path parameter too long (414). */
export function refusedUrlOf(error: FastifyError): { status: 400 | 414; message: string } {
  return error.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? { status: 414, message: 'The request URI is too long.' }
    : { status: 400, message: 'The request URL is not valid: it could not be decoded.' };
}

/** The ids the app's onSend hook adds to every other answer: Fastify answers its own errors before any hook runs. */
export function addRequestIds(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply
    .header('request-id', request.id)
    .header('client-request-id', clientRequestIdOf(request) ?? request.id);
}

/** Fastify's `frameworkErrors` option: bad URLs (400) and over-long path parameters (414) in Graph's body. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { status, message } = refusedUrlOf(error);
  void addRequestIds(request, reply)
    .code(status)
    .send(errorBody(graphCodeForFrameworkError(error), message, request.id, clientRequestIdOf(request)));
}
