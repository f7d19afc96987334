// Graph's service-side error answers (429, 500, 503, 504) with the body and innerError Graph sends for each.
import { errorBody } from '../http-error.js';
import { type GraphAnswer, type GraphCall, jsonAnswer } from './graph-call.js';

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

/** Graph's error for `status`, with Retry-After when given; innerError carries the status as Graph's does. */
export function serviceErrorAnswer(
  call: Pick<GraphCall, 'requestId' | 'clientRequestId'>,
  status: ServiceErrorStatus,
  retryAfterSeconds: number | null,
): GraphAnswer {
  const { code, message } = serviceErrors[status] ?? { code: 'InternalServerError', message: 'Error.' };
  const body = errorBody(code, message, call.requestId, call.clientRequestId);
  const innerError = { ...body.error.innerError, code: String(status), status: String(status) };
  return jsonAnswer(
    status,
    { error: { ...body.error, innerError } },
    retryAfterSeconds === null ? {} : { 'retry-after': String(retryAfterSeconds) },
  );
}
