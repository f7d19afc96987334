// Graph JSON batching ($batch): up to 20 Graph requests in one round trip, each run against this same app.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { lazyChildLogger } from '../../lib/lazy-child-logger.js';
import { randomUuid } from '../../lib/random-uuid.js';
import { badRequest, errorBody } from '../http-error.js';
import { requestOrigin, requireWellFormedHost } from '../request-origin.js';
import { adminAuthHook } from './admin-auth.js';
import { resolveInnerUrl } from './batch/inner-url.js';
import { nestsDeeperThan } from './batch/json-depth.js';
import { batchHeaders } from './batch/response-headers.js';
import { clientRequestIdOf } from './client-request-id.js';
import { MAX_PATH_SEGMENT_LENGTH } from './framework-errors.js';
import {
  errorAnswer,
  type GraphAnswer,
  type GraphCall,
  JSON_CONTENT_TYPE,
  withGraphHeaders,
} from './graph-call.js';
import type { GraphDispatchers } from './graph-dispatch.js';
import { readGraphBodies } from './graph-request-body.js';
import type { GraphVersion } from './graph-resources.js';

export interface GraphBatchOptions {
  /** The version the inner requests run under (the plugin's prefix is `/${version}`). */
  version: GraphVersion;
  adminToken: string;
  adminUpn: string;
  /** How long one sub-request may run before it answers 504 on its own (default 30 s). */
  requestTimeoutMs?: number;
  /** The version's Graph dispatch, which runs each sub-request in-process. */
  dispatchers: GraphDispatchers;
}

/** Graph's limit on requests in one batch. */
export const MAX_BATCH_REQUESTS = 20;
/** The largest batch body accepted; 20 Graph requests fit easily. */
export const MAX_BATCH_BYTES = 1024 * 1024;
/** How deeply an inner request's JSON body may nest; Graph bodies for these resources are shallow. */
export const MAX_INNER_BODY_DEPTH = 32;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

const METHODS = ['GET', 'POST', 'PATCH', 'DELETE', 'PUT'] as const;

const BatchRequestItem = z.object({
  id: z.string().min(1),
  method: z.preprocess((value) => (typeof value === 'string' ? value.toUpperCase() : value), z.enum(METHODS)),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  body: z
    .unknown()
    .optional()
    .refine((body) => !nestsDeeperThan(body, MAX_INNER_BODY_DEPTH), {
      message: `A request body nests deeper than ${MAX_INNER_BODY_DEPTH} levels.`,
    }),
  dependsOn: z.array(z.string().min(1)).optional(),
});
type BatchRequestItem = z.infer<typeof BatchRequestItem>;

const BatchBody = z.object({
  requests: z
    .array(BatchRequestItem)
    .min(1, 'A batch needs at least one request.')
    .max(MAX_BATCH_REQUESTS, `Number of requests exceeds the limit of ${MAX_BATCH_REQUESTS}.`),
});

export interface BatchResponseItem {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** An id as Graph compares them: "Not case-sensitive. Must be unique within the batch" (Graph's JSON batching page). */
const idKey = (id: string) => id.toLowerCase();

/** Graph's write methods: each needs a body with its Content-Type in a batch. */
const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PATCH', 'PUT']);

/**
 * Refuses the whole batch, as Graph does, for a write request without a body, or with one but no Content-Type header:
 * Graph's answers, captured in msgraph-sdk-dotnet#2628 (a bodyless POST, 2024) and Softeria/ms-365-mcp-server#677
 * (a body without the header, 2026). An action without parameters, such as resetPasscode, is sent with `{}`.
 */
function checkWrites(requests: readonly BatchRequestItem[]): void {
  for (const request of requests) {
    if (!WRITE_METHODS.has(request.method)) continue;
    if (request.body === undefined || request.body === null) {
      throw badRequest(`Write request id : ${request.id} does not contain Content-Type header or body.`);
    }
    if (!Object.keys(request.headers ?? {}).some((name) => name.toLowerCase() === 'content-type')) {
      throw badRequest(`Write request with id '${request.id}' does not contain a Content-Type header.`);
    }
  }
}

/** Checks ids are unique, every dependsOn names a request of the batch, and dependencies form no cycle. */
function checkGraph(requests: readonly BatchRequestItem[]): Map<string, BatchRequestItem> {
  const byId = new Map<string, BatchRequestItem>();
  for (const request of requests) {
    if (byId.has(idKey(request.id)))
      throw badRequest(`The batch has more than one request with id '${request.id}'.`);
    byId.set(idKey(request.id), request);
  }
  for (const request of requests) {
    for (const dependency of request.dependsOn ?? []) {
      if (!byId.has(idKey(dependency))) {
        throw badRequest(`Request '${request.id}' depends on '${dependency}', which is not in the batch.`);
      }
    }
  }
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (key: string): void => {
    if (done.has(key)) return;
    if (visiting.has(key)) throw badRequest(`The dependsOn of request '${byId.get(key)?.id}' forms a cycle.`);
    visiting.add(key);
    for (const dependency of byId.get(key)?.dependsOn ?? []) visit(idKey(dependency));
    visiting.delete(key);
    done.add(key);
  };
  for (const request of requests) visit(idKey(request.id));
  return byId;
}

export async function graphBatch(app: FastifyInstance, options: GraphBatchOptions) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { version } = options;
  app.addHook('onRequest', requireWellFormedHost);
  app.addHook('onRequest', adminAuthHook(options.adminToken, options.adminUpn));
  const bodies = readGraphBodies(app, { batch: true });

  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;

  api.post('/$batch', { schema: { body: BatchBody }, bodyLimit: MAX_BATCH_BYTES }, async (request) => {
    const { requests } = request.body;
    const byId = checkGraph(requests);
    checkWrites(requests);
    const origin = requestOrigin(request);

    const failed = (item: BatchRequestItem, status: number, code: string, message: string) => ({
      id: item.id,
      status,
      headers: batchHeaders({ 'content-type': JSON_CONTENT_TYPE }),
      body: errorBody(code, message, request.id),
    });

    const run = async (item: BatchRequestItem): Promise<BatchResponseItem> => {
      const inner = resolveInnerUrl(version, item.url);
      if (!inner.ok) return failed(item, 400, 'BadRequest', inner.message);
      const { segments } = inner;
      // Over HTTP the router refuses such a segment before anything else.
      if (segments.some((segment) => segment.length > MAX_PATH_SEGMENT_LENGTH)) {
        return failed(item, 414, 'RequestUriTooLong', 'The request URI is too long.');
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(item.headers ?? {})) headers[name.toLowerCase()] = value;
      const caller = request.graphCaller;
      if (!caller) return failed(item, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
      const requestId = randomUuid();
      const call: GraphCall = {
        method: item.method,
        url: inner.path,
        segments,
        caller,
        requestId,
        clientRequestId: clientRequestIdOf({ headers }),
        origin,
        log: lazyChildLogger(request.log, { batchRequestId: item.id, subRequestId: requestId }),
      };
      // The body as the same request over HTTP would have it read (its coding, its JSON), before the call runs.
      const refused = bodies.innerBodyError(request, headers, item.body);
      let answer: GraphAnswer | 'timedOut';
      let timer: NodeJS.Timeout | undefined;
      try {
        const dispatched = refused
          ? withGraphHeaders(errorAnswer(refused, call))
          : options.dispatchers.get(version)(call);
        // Only a call something holds (an admin-side fault's delay) answers later, and only it can time out.
        answer =
          dispatched instanceof Promise
            ? await Promise.race([
                dispatched,
                new Promise<'timedOut'>((resolve) => {
                  timer = setTimeout(() => resolve('timedOut'), requestTimeoutMs);
                }),
              ])
            : dispatched;
      } catch (error) {
        request.log.error({ err: error, batchRequestId: item.id }, 'batch request failed');
        return failed(item, 500, 'InternalServerError', 'An internal error occurred.');
      } finally {
        clearTimeout(timer);
      }
      if (answer === 'timedOut') {
        call.abandoned = true;
        request.log.warn({ batchRequestId: item.id, requestTimeoutMs }, 'batch request timed out');
        return failed(item, 504, 'GatewayTimeout', 'The request timed out.');
      }
      // Header names as Graph writes them in the batch JSON (batch/response-headers.ts); over HTTP they stay lower-case.
      const responseHeaders = batchHeaders(answer.headers);
      responseHeaders['request-id'] = requestId;
      const result: BatchResponseItem = { id: item.id, status: answer.status, headers: responseHeaders };
      if (answer.body !== undefined) result.body = answer.body;
      return result;
    };

    // Each request starts once everything it depends on has finished; a failed dependency fails it with 424.
    const started = new Map<string, Promise<BatchResponseItem>>();
    const start = (item: BatchRequestItem): Promise<BatchResponseItem> => {
      const existing = started.get(item.id);
      if (existing) return existing;
      const dependencies = (item.dependsOn ?? []).flatMap((id) => {
        const dependency = byId.get(idKey(id));
        return dependency ? [start(dependency)] : [];
      });
      // Most requests depend on nothing: they start at once, without waiting on an empty Promise.all.
      const promise =
        dependencies.length === 0
          ? run(item)
          : Promise.all(dependencies).then((results) => {
              const failedDependency = results.find((result) => result.status >= 400);
              if (failedDependency) {
                return failed(
                  item,
                  424,
                  'FailedDependency',
                  `Request '${item.id}' was not run: request '${failedDependency.id}' it depends on failed.`,
                );
              }
              return run(item);
            });
      started.set(item.id, promise);
      return promise;
    };
    const responses = await Promise.all(requests.map(start));
    return { responses };
  });
}
