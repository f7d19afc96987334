// One Graph request as the handlers see it, and its answer: the same for a request over HTTP and a $batch sub-request,
// so $batch runs its sub-requests in-process, each with its own throttling, faults, errors and request-id.
import type { FastifyBaseLogger } from 'fastify';
import { errorBody, HttpError } from '../http-error.js';
import type { GraphCaller } from './graph-caller.js';
import { IntuneError, intuneErrorMessage } from './intune-error.js';

export interface GraphCall {
  method: string;
  /** Path and query below the host, starting with the version: `/v1.0/deviceManagement/…?$top=5`. */
  url: string;
  /** Path segments below the version root, as the router decoded them. */
  segments: readonly string[];
  caller: GraphCaller;
  requestId: string;
  clientRequestId: string | undefined;
  /** `http(s)://host` that links are built on. */
  origin: string;
  log: FastifyBaseLogger;
  /**
   * Set by `$batch` once it has answered this call's 504 (held past the per-request timeout by a fault rule): the call
   * then goes no further, so a client that retries after the 504 does not act twice.
   */
  abandoned?: boolean;
}

export interface GraphAnswer {
  status: number;
  headers: Record<string, string>;
  /** A JSON value, a text body (with a text content type), or nothing. */
  body?: unknown;
}

export const JSON_CONTENT_TYPE = 'application/json';

/** Graph's JSON content type and OData version on every JSON answer. */
export const GRAPH_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** Every Graph answer says its OData version, and a JSON one Graph's full JSON content type. */
export function withGraphHeaders(answer: GraphAnswer): GraphAnswer {
  const headers: Record<string, string> = { ...answer.headers, 'odata-version': '4.0' };
  if (headers['content-type']?.startsWith('application/json')) headers['content-type'] = GRAPH_JSON;
  return { ...answer, headers };
}

export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): GraphAnswer {
  return { status, headers: { 'content-type': JSON_CONTENT_TYPE, ...headers }, body };
}

/**
 * Graph's error answer for a thrown error: an IntuneError with Intune's document as its message, an HttpError as it
 * says, anything else a logged 500.
 */
export function errorAnswer(
  error: unknown,
  call: Pick<GraphCall, 'requestId' | 'clientRequestId' | 'log' | 'url'>,
): GraphAnswer {
  if (error instanceof IntuneError) {
    const activityId = call.clientRequestId ?? call.requestId;
    const message = intuneErrorMessage(error.message, activityId, call.url);
    return jsonAnswer(error.statusCode, errorBody(error.code, message, call.requestId, call.clientRequestId));
  }
  if (error instanceof HttpError) {
    return jsonAnswer(
      error.statusCode,
      errorBody(error.code, error.message, call.requestId, call.clientRequestId),
      error.headers,
    );
  }
  call.log.error({ err: error }, 'Graph request failed');
  return jsonAnswer(
    500,
    errorBody('InternalServerError', 'An internal error occurred.', call.requestId, call.clientRequestId),
  );
}
