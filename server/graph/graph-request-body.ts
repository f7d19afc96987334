// How Graph reads a request body: a JSON body is parsed (Graph's words when it cannot be), a body of any other
// type is not read, and a compressed body is refused (415 before any byte is parsed, so the client resends it plainly).
// One set of rules for both ways a call comes in: over HTTP (the hooks and parser readGraphBodies installs) and as a
// $batch sub-request, whose body arrives already decoded inside the batch's JSON (GraphBodyRules.innerBodyError).
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
 * A Content-Encoding other than identity on a request with content. RFC 9110 §15.5.16: "If the problem was caused by
 * an unsupported content coding, the Content-Encoding response header field … should be used"; the client library
 * that compresses Graph request bodies, Kiota's CompressionHandler (kiota-http-fetchlibrary), resends the body
 * uncompressed on exactly a 415. Graph's own answer to a compressed body has not been captured (unverified).
 */
function contentCodingError(contentEncoding: string | undefined, hasContent: boolean): HttpError | null {
  if (contentEncoding === undefined || !hasContent) return null;
  const codings = contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0) return null;
  return new HttpError(
    415,
    'UnsupportedMediaType',
    `Content-Encoding '${codings.join(', ')}' is not supported; send the request body uncompressed.`,
    { 'accept-encoding': 'identity' },
  );
}

/** An RFC 9110 token: what a media type's type and subtype are made of. */
const MEDIA_TYPE_TOKEN = /^[\w!#$%&'*+.^`|~-]+$/;

/**
 * Whether a Content-Type names a media type (`type/subtype`, then any parameters after `;`), by the rule Fastify
 * applies over HTTP (its ContentType: 415 for `json`, `/` or `;charset=utf-8`), so a `$batch` sub-request is held to it.
 */
function namesMediaType(contentType: string): boolean {
  const semicolon = contentType.indexOf(';');
  const mediaType = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).toLowerCase();
  const slash = mediaType.indexOf('/');
  return (
    slash >= 0 &&
    MEDIA_TYPE_TOKEN.test(mediaType.slice(0, slash).trimStart()) &&
    MEDIA_TYPE_TOKEN.test(mediaType.slice(slash + 1).trimEnd())
  );
}

/** The media type Graph reads as JSON (any parameters: `application/json; charset=utf-8`). */
const JSON_MEDIA_TYPE = /^\s*application\/json\s*(?:;|$)/i;

/** Whether a body of this Content-Type is read as JSON; any other type, or none, is not read. */
export const readsAsJson = (contentType: string | undefined) =>
  contentType !== undefined && JSON_MEDIA_TYPE.test(contentType);

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

/** The rules above for a $batch sub-request, from the plugin that installed them (it has the JSON parser). */
export interface GraphBodyRules {
  /**
   * What the same request sent over HTTP would get for this body: the 415 of a coding, the 400 of JSON text that
   * cannot be read; null when the body passes (a JSON value is already parsed, another type is not read). `headers`
   * are the sub-request's, names in lower case.
   */
  innerBodyError(
    request: FastifyRequest,
    headers: Readonly<Record<string, string>>,
    body: unknown,
  ): HttpError | null;
}

/**
 * Installs the body rules above on a Graph plugin's routes (the simulator API keeps Fastify's own wording). `batch`:
 * the route is `$batch`, whose body is its requests, so it must be JSON and present.
 */
export function readGraphBodies(app: FastifyInstance, { batch = false } = {}): GraphBodyRules {
  app.addHook('preParsing', async (request, _reply, payload) => {
    const refused = contentCodingError(request.headers['content-encoding'], hasBody(request));
    if (refused) throw refused;
    return payload;
  });
  // Fastify's own parser, refusing __proto__ and constructor keys as it does everywhere else.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  /** Whether JSON text parses as Graph parses it (Fastify's parser answers synchronously). */
  const readable = (request: FastifyRequest, text: string) => {
    let parsed = false;
    parseJson(request, text, (error) => {
      parsed = !error;
    });
    return parsed;
  };
  // One parser for every type, so that which bodies are JSON is `readsAsJson`'s rule here and in $batch alike.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    if (!readsAsJson(request.headers['content-type'])) {
      return batch
        ? done(
            new HttpError(415, 'UnsupportedMediaType', 'A $batch body is JSON: send it as application/json.'),
          )
        : done(null, NOT_READ);
    }
    // Graph accepts `Content-Type: application/json` with no body (the JS SDK's `.post()` sends exactly that).
    if (isEmpty(body)) {
      if (batch)
        return done(new HttpError(400, 'BadRequest', 'A $batch request needs a body: {"requests": [...]}.'));
      return done(null, undefined);
    }
    const text = typeof body === 'string' ? body : body.toString('utf8');
    parseJson(request, text, (error, value) => (error ? done(unreadableJson()) : done(null, value)));
  });
  return {
    innerBodyError(request, headers, body) {
      const hasContent = body !== undefined && body !== null && body !== '';
      const coding = contentCodingError(headers['content-encoding'], hasContent);
      if (coding) return coding;
      // A Content-Type that names no media type: Fastify's 415 over HTTP, before any parser runs.
      const contentType = headers['content-type'];
      if (hasContent && contentType !== undefined && !namesMediaType(contentType)) {
        return new HttpError(415, 'UnsupportedMediaType', 'Unsupported Media Type');
      }
      // A JSON body given as text is read as its bytes would be over HTTP.
      if (typeof body !== 'string' || !readsAsJson(headers['content-type']) || isEmpty(body)) return null;
      return readable(request, body) ? null : unreadableJson();
    },
  };
}
