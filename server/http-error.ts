// Expected failures as values with a status and a Graph error code; one handler turns them into Graph's error body.
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Headers the answer must carry (a 405's `Allow`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string) => new HttpError(400, 'BadRequest', message);
export const itemNotFound = (message: string) => new HttpError(404, 'itemNotFound', message);
export const conflict = (code: string, message: string) => new HttpError(409, code, message);

/**
 * Graph's error body: {"error": {"code", "message", "innerError": {"request-id", "client-request-id", "date"}}};
 * client-request-id is the caller's when it sent one, else the request-id, as Graph does.
 */
export function errorBody(code: string, message: string, requestId: string, clientRequestId?: string) {
  return {
    error: {
      code,
      message,
      innerError: {
        'request-id': requestId,
        'client-request-id': clientRequestId ?? requestId,
        date: new Date().toISOString(),
      },
    },
  };
}
