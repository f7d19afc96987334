// Requests Node's HTTP parser refuses before any route sees them (a header too large, an illegal character, a request
// that took too long): answered in Graph's error body on HTTP and HTTPS alike, as every other error is.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUuid } from '../lib/random-uuid.js';
import { errorBody } from './http-error.js';

/** The status and Graph code for each parser error, as Node's own answer would have it; anything else is a 400. */
const ANSWERS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'RequestHeaderFieldsTooLarge',
    message: 'The request headers are larger than the server accepts.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'RequestTimeout',
    message: 'The request took too long to arrive.',
  },
};
const MALFORMED = { status: 400, code: 'BadRequest', message: 'The request is not valid HTTP.' };

/** A `clientError` listener: Graph's body when the socket can still take one, then the connection ends. */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A reset connection has nobody left to answer (Node's documentation of `clientError`).
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // Nothing is written into a response already under way on this connection (an event stream): as Node's own handler.
  const current = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !current?.headersSent) {
    const { status, code, message } = ANSWERS[error.code ?? ''] ?? MALFORMED;
    const requestId = randomUuid();
    const body = JSON.stringify(errorBody(code, message, requestId));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nrequest-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
