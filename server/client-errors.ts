// Requests Node's HTTP parser refuses before any route sees them (a header too large, an illegal character, a request
// that took too long): answered in Graph's error body on HTTP and HTTPS alike, in Entra's when the path is Entra's.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUuid } from '../lib/random-uuid.js';
import { errorBody } from './http-error.js';
import { entraErrorBody, malformedRequest } from './identity/entra-errors.js';
import { isIdentityPath } from './identity/identity-paths.js';

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

/** What Node's parser attaches to its errors: the bytes it was reading and how far into them it got. */
type ParserError = Error & { code?: string; rawPacket?: unknown; bytesParsed?: unknown };

/** A request line's method and the start of its target (the parser may have stopped inside the target). */
const REQUEST_LINE = /^[A-Z][A-Z-]* (\S+)/;

/**
 * The target of the request the parser refused, when the refused bytes start with its request line and no earlier
 * message ends before the refusal; else null (a head sent in pieces, pipelined requests, a timeout): unknowable.
 */
function refusedRequestTarget(error: ParserError): string | null {
  const packet = error.rawPacket;
  if (!Buffer.isBuffer(packet)) return null;
  const refusedAt = typeof error.bytesParsed === 'number' ? error.bytesParsed : packet.length;
  if (packet.subarray(0, refusedAt).includes('\r\n\r\n')) return null;
  const lineEnd = packet.indexOf('\r\n');
  const requestLine = packet.subarray(0, lineEnd < 0 ? packet.length : lineEnd).toString('latin1');
  return REQUEST_LINE.exec(requestLine)?.[1] ?? null;
}

/** A `clientError` listener: Graph's or Entra's body when the socket can still take one, then the connection ends. */
export function answerClientError(error: ParserError, socket: Duplex): void {
  // A reset connection has nobody left to answer (Node's documentation of `clientError`).
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // Nothing is written into a response already under way on this connection (an event stream): as Node's own handler.
  const current = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !current?.headersSent) {
    const { status, code, message } = ANSWERS[error.code ?? ''] ?? MALFORMED;
    const requestId = randomUuid();
    const target = refusedRequestTarget(error);
    const onIdentityPath = target !== null && isIdentityPath(target);
    const body = JSON.stringify(
      onIdentityPath
        ? entraErrorBody(malformedRequest(status, message), requestId)
        : errorBody(code, message, requestId),
    );
    const noStore = onIdentityPath ? 'cache-control: no-store, no-cache\r\n' : '';
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\n${noStore}` +
        `content-length: ${Buffer.byteLength(body)}\r\nrequest-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
