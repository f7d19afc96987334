// A server the runner could not reach or use (refused, reset, silent, untrusted, a token refused): no test result.

/** Network errors' codes (Node's and undici's) that say the server was not reached, or stopped answering. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/** TLS errors: the server's certificate is not one the runner trusts (NODE_EXTRA_CA_CERTS, or a name mismatch). */
const isTlsCode = (code: string) =>
  code.startsWith('ERR_TLS_') ||
  code.startsWith('ERR_SSL_') ||
  /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code);

/**
 * The scenario could not be run against the server: CI should read it as "the environment is broken", not as a
 * behaviour that changed (JUnit `<error>`, exit status 3).
 */
export class ServerUnavailable extends Error {
  override name = 'ServerUnavailable';
}

/** The network error code of an error or of its cause (fetch wraps them: `TypeError: fetch failed`). */
function networkCodeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || isTlsCode(code))) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The error as a ServerUnavailable naming `what` was being done, when it is one (a network or TLS failure, a timeout
 * of ours); anything else is returned as it is.
 */
export function asServerUnavailable(error: unknown, what: string): unknown {
  if (error instanceof ServerUnavailable) return error;
  if ((error as { name?: unknown })?.name === 'TimeoutError')
    return new ServerUnavailable(`${what}: the server did not answer in time (--request-timeout).`);
  // fetch never connects to a port of its blocked list (1, 6000, 10080, ...: the Fetch standard's "bad port").
  if ((error as { cause?: { message?: unknown } })?.cause?.message === 'bad port')
    return new ServerUnavailable(
      `${what}: fetch refuses this port (the Fetch standard's bad ports); use another.`,
    );
  const code = networkCodeOf(error);
  if (code === undefined) return error;
  const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
  const hint = isTlsCode(code) ? ' (is its CA trusted? NODE_EXTRA_CA_CERTS)' : '';
  return new ServerUnavailable(`${what}: ${cause}${hint}.`);
}

/**
 * Whether an answer is the one Fastify gives while the server closes (`return503OnClosing`): 503 with
 * `{"error":"Service Unavailable","message":"Service Unavailable","statusCode":503}`, before any route runs. Graph's
 * 503 (an injected `graphFault`, a throttled gateway) carries Graph's error body, `error` an object with a `code`, so
 * it stays an answer the scenario judges.
 */
export function isServerClosingAnswer(status: number, body: unknown): boolean {
  if (status !== 503 || body === null || typeof body !== 'object') return false;
  const { error, statusCode } = body as { error?: unknown; statusCode?: unknown };
  return error === 'Service Unavailable' && statusCode === 503;
}

/** The ServerUnavailable for a closing server's answer to `what` (a request such as `GET /sim/devices/{id}`). */
export const serverClosing = (what: string) =>
  new ServerUnavailable(`${what}: the server is shutting down (503 Service Unavailable, not a Graph error).`);
