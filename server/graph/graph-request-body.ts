// How Graph routes read a request body: a JSON body is parsed (Graph's words when it cannot be), a body of any other
// type is not read, and a compressed body is refused (415 before any byte is parsed, so the client resends it plainly).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../http-error.js';

/**
 * Graph's answer to a JSON body it cannot parse, captured in microsoft-graph-docs-contrib#6337 and
 * microsoftgraph/nodejs-connect-rest-sample#53.
 */
export const UNREADABLE_JSON =
  'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.';

const unreadableJson = () => new HttpError(400, 'BadRequest', UNREADABLE_JSON);

/**
 * A Content-Encoding other than identity. RFC 9110 §15.5.16: "If the problem was caused by an unsupported content
 * coding, the Content-Encoding response header field … should be used"; the client library that compresses Graph
 * request bodies, Kiota's CompressionHandler (kiota-http-fetchlibrary), resends the body uncompressed on exactly a
 * 415. Graph's own answer to a compressed body has not been captured (unverified).
 */
function refuseContentCodings(request: FastifyRequest): void {
  const header = request.headers['content-encoding'];
  if (header === undefined || !hasBody(request)) return;
  const codings = header
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0) return;
  throw new HttpError(
    415,
    'UnsupportedMediaType',
    `Content-Encoding '${codings.join(', ')}' is not supported; send the request body uncompressed.`,
    { 'accept-encoding': 'identity' },
  );
}

/** Whether the request carries content at all: a coding of no content (a GET's header) is nothing to decode. */
const hasBody = (request: FastifyRequest) =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

const isEmpty = (body: string | Buffer) =>
  (typeof body === 'string' ? body : body.toString('utf8')).trim() === '';

/**
 * Every call mdmsim serves is a read or an action without parameters, and an ASP.NET OData action without parameters
 * binds no body, so Intune does not read one whatever its type; Graph's gateway passes other media types through (its
 * workloads take text/html, octet streams). So a body that is not JSON is accepted and not read, text/plain, forms
 * and XML alike (unverified for Intune). A JSON body is parsed because Graph's gateway parses it: its "Unable to read
 * JSON request payload" answers calls to any workload.
 */
const NOT_READ = undefined;

/**
 * Installs the body rules above on a Graph plugin's routes (the simulator API keeps Fastify's own wording). `batch`:
 * the route is `$batch`, whose body is its requests, so it must be JSON and present.
 */
export function readGraphBodies(app: FastifyInstance, { batch = false } = {}): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    refuseContentCodings(request);
    return payload;
  });
  // Fastify's own parser, refusing __proto__ and constructor keys as it does everywhere else.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  // Graph accepts `Content-Type: application/json` with no body (the JS SDK's `.post()` sends exactly that).
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (isEmpty(body)) {
      if (batch)
        return done(new HttpError(400, 'BadRequest', 'A $batch request needs a body: {"requests": [...]}.'));
      return done(null, undefined);
    }
    const text = typeof body === 'string' ? body : body.toString('utf8');
    parseJson(request, text, (error, value) => (error ? done(unreadableJson()) : done(null, value)));
  });
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) =>
    batch
      ? done(
          new HttpError(415, 'UnsupportedMediaType', 'A $batch body is JSON: send it as application/json.'),
        )
      : done(null, NOT_READ),
  );
}
