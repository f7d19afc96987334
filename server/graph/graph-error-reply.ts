// Graph's service-side error answers (429, 500, 503, 504): 429 and 500 come from the Intune service, in its embedded
// document; 503 and 504 from Graph's gateway, with the plain body and innerError code/status Graph sends.
import { errorBody } from '../http-error.js';
import { type GraphAnswer, type GraphCall, jsonAnswer } from './graph-call.js';
import { AN_ERROR_HAS_OCCURRED, intuneErrorMessage } from './intune-error.js';

const intuneErrors: Record<number, { code: string; phrase: string }> = {
  429: { code: 'TooManyRequests', phrase: AN_ERROR_HAS_OCCURRED },
  500: { code: 'InternalServerError', phrase: 'An internal server error has occurred' },
};
const gatewayErrors: Record<number, { code: string; message: string }> = {
  503: {
    code: 'ServiceUnavailable',
    message: 'The service is temporarily unavailable. Please retry again later.',
  },
  504: { code: 'GatewayTimeout', message: 'The gateway timed out waiting for the service.' },
};

export type ServiceErrorStatus = 429 | 500 | 503 | 504;

/** Graph's error for `status`, with Retry-After when given. */
export function serviceErrorAnswer(
  call: Pick<GraphCall, 'requestId' | 'clientRequestId' | 'url'>,
  status: ServiceErrorStatus,
  retryAfterSeconds: number | null,
): GraphAnswer {
  const headers: Record<string, string> =
    retryAfterSeconds === null ? {} : { 'retry-after': String(retryAfterSeconds) };
  const intune = intuneErrors[status];
  if (intune) {
    const message = intuneErrorMessage(intune.phrase, call.clientRequestId ?? call.requestId, call.url);
    return jsonAnswer(status, errorBody(intune.code, message, call.requestId, call.clientRequestId), headers);
  }
  const { code, message } = gatewayErrors[status] ?? { code: 'ServiceUnavailable', message: 'Error.' };
  const body = errorBody(code, message, call.requestId, call.clientRequestId);
  const innerError = { ...body.error.innerError, code: String(status), status: String(status) };
  return jsonAnswer(status, { error: { ...body.error, innerError } }, headers);
}
