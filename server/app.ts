// Builds the whole MDM server as one Fastify app; the process file only adds logging, listen and shutdown.
import Fastify, {
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { redactUrl, requestChildLogger } from '../lib/logger.js';
import { randomUuid } from '../lib/random-uuid.js';
import { GATEWAY_PATH } from '../shared/protocol.js';
import { Health } from '../shared/sim/health.js';
import type { SupportEdition } from '../shared/support-matrix.js';
import { answerClientError } from './client-errors.js';
import consolePlugin from './console/console-plugin.js';
import openApi from './docs/openapi.js';
import deviceChannel from './gateway/device-channel-plugin.js';
import deviceGateway from './gateway/device-gateway.js';
import { clientRequestIdOf } from './graph/client-request-id.js';
import { withoutEmptyGraphSegments } from './graph/empty-segments.js';
import graphFaults from './graph/faults/graph-faults-plugin.js';
import {
  addRequestIds,
  frameworkErrors,
  graphCodeForFrameworkError,
  MAX_PATH_SEGMENT_LENGTH,
  refusedUrlOf,
} from './graph/framework-errors.js';
import { graphApi } from './graph/graph-api.js';
import { graphBatch } from './graph/graph-batch.js';
import { GraphDispatchers } from './graph/graph-dispatch.js';
import { INTUNE_LIMITS, type ThrottlingSetting } from './graph/throttling/throttle-limits.js';
import { Throttler } from './graph/throttling/throttler.js';
import { invalidVersion, namesUnknownVersion, routeFirstSegments } from './graph/unknown-version.js';
import { errorBody, HttpError } from './http-error.js';
import { DEFAULT_TENANT_ID, type IdentityConfig, upnDomains } from './identity/app-registrations.js';
import { answerEntraError, malformedRequest } from './identity/entra-errors.js';
import { isIdentityPath, unroutedIdentityFailure } from './identity/identity-paths.js';
import identityPlugin from './identity/identity-plugin.js';
import metrics from './metrics/metrics-plugin.js';
import services from './services/services.js';
import { simApi } from './sim/sim-api.js';
import storePlugin, { type StoreLocation } from './store/store-plugin.js';

export interface AppConfig {
  adminToken: string;
  adminUpn: string;
  enrollmentToken: string;
  /** The bearer token of the simulator API (/sim); the admin token is not accepted there. */
  simToken: string;
  /** How many bytes of events one /sim/events client may have waiting before it is dropped (16 MiB). */
  eventStreamMaxPendingBytes?: number;
  supportEdition: SupportEdition;
  clockSpeed: number;
  notNowRetryMs: number;
  inputTimeoutMs: number;
  helloTimeoutMs: number;
  /** Real ms between the gateway's pings to each device (dead connections are cut); 30 s when absent. */
  pingIntervalMs?: number;
  logger: FastifyServerOptions['logger'];
  /** A ready pino logger to use instead of `logger`'s options. */
  loggerInstance?: FastifyBaseLogger;
  /** Where devices, actions and queued commands are kept; memory when absent. The app opens and closes it. */
  store?: StoreLocation;
  /** Graph throttling limits; Intune's by default, null turns throttling off. */
  throttling?: ThrottlingSetting;
  /** The throttler's monotonic ms clock (real time by default); tests move it instead of sleeping. */
  throttleClock?: () => number;
  /** How long one $batch sub-request may run before it answers 504 on its own (30 s by default). */
  batchRequestTimeoutMs?: number;
  /** The Entra look-alike's tenant and app registrations; mdmsim's tenant with no apps when absent. */
  identity?: IdentityConfig;
}

/** A device's connection is logged at debug: a fleet connecting at once would bury every other line at info. */
class RequestLogLines extends LogController {
  override incomingRequest(request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>) {
    if (request.url.split('?')[0] === GATEWAY_PATH) request.log.debug({ req: request }, 'device connecting');
    else super.incomingRequest(request, reply, metadata);
  }
}

/** Entra's answer, not Graph's, for a method or path the identity routes do not serve (PROPFIND, an unknown path). */
function answerUnroutedIdentityRequest(request: FastifyRequest, reply: FastifyReply) {
  return answerEntraError(request, reply, unroutedIdentityFailure(request.method, request.url));
}

export async function buildApp(config: AppConfig) {
  const app = Fastify({
    ...(config.loggerInstance ? { loggerInstance: config.loggerInstance } : { logger: config.logger }),
    genReqId: () => randomUuid(),
    // Graph generates its own request-id and echoes the caller's client-request-id separately.
    requestIdHeader: false,
    logController: new RequestLogLines(),
    // Each request's logger redacts exactly as before, without running the redactor on its `reqId` string.
    childLoggerFactory: (logger, bindings, options) =>
      requestChildLogger(logger as Logger, bindings, options) as typeof logger,
    // `/v1.0//$batch` is `/v1.0/$batch`, as Graph reads it (the original stays in `request.originalUrl`).
    rewriteUrl: (raw) => withoutEmptyGraphSegments(raw.url ?? '/'),
    // A long path segment is not refused for its length (Fastify's default limit is 100 characters): an over-long
    // device id or tenant gets what any unknown one gets. No route has a regular-expression parameter to protect.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PATH_SEGMENT_LENGTH },
    // A URL the router refuses is answered in Entra's body on the identity look-alike's paths, Graph's elsewhere.
    frameworkErrors: (error, request, reply) => {
      if (!isIdentityPath(request.url)) return frameworkErrors(error, request, reply);
      const { status, message } = refusedUrlOf(error);
      void answerEntraError(request, addRequestIds(request, reply), malformedRequest(status, message));
    },
    clientErrorHandler: answerClientError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onSend', async (request, reply) => {
    reply.header('request-id', request.id);
    reply.header('client-request-id', clientRequestIdOf(request) ?? request.id);
  });

  app.setErrorHandler((error, request, reply) => {
    // A body an unrouted identity request carried (unreadable, too large) changes nothing: no endpoint is there.
    if (request.is404 && isIdentityPath(request.url)) return answerUnroutedIdentityRequest(request, reply);
    if (error instanceof HttpError) {
      return reply
        .code(error.statusCode)
        .headers(error.headers)
        .send(errorBody(error.code, error.message, request.id, clientRequestIdOf(request)));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issue = error.validation[0];
      const where = issue?.instancePath ? ` at ${issue.instancePath}` : '';
      return reply
        .code(400)
        .send(
          errorBody(
            'BadRequest',
            `Invalid ${error.validationContext}${where}: ${issue?.message}`,
            request.id,
            clientRequestIdOf(request),
          ),
        );
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status < 500) {
      const code = graphCodeForFrameworkError({ code: (error as { code: string }).code, statusCode: status });
      return reply
        .code(status)
        .send(errorBody(code, (error as Error).message, request.id, clientRequestIdOf(request)));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody('InternalServerError', 'An internal error occurred.', request.id));
  });

  const routeSegments = routeFirstSegments(app);
  app.setNotFoundHandler((request, reply) => {
    if (isIdentityPath(request.url)) return answerUnroutedIdentityRequest(request, reply);
    // Graph's 400 for a first segment that is no version of it and no route of mdmsim's (`/v2.0/…`, `/me`).
    if (namesUnknownVersion(request.url, routeSegments)) throw invalidVersion();
    return reply
      .code(404)
      .send(errorBody('NotFound', `No route for ${request.method} ${redactUrl(request.url)}.`, request.id));
  });

  await app.register(openApi);
  await app.register(storePlugin, { location: config.store ?? { kind: 'memory' } });
  await app.register(deviceChannel, { inputTimeoutMs: config.inputTimeoutMs });
  await app.register(services, {
    enrollmentToken: config.enrollmentToken,
    supportEdition: config.supportEdition,
    clockSpeed: config.clockSpeed,
    notNowRetryMs: config.notNowRetryMs,
    inputTimeoutMs: config.inputTimeoutMs,
  });
  const identity = config.identity ?? { tenantId: DEFAULT_TENANT_ID, apps: [] };
  // The admin's UPN domain is one of the tenant's verified domains, so a client may name the tenant by it.
  await app.register(identityPlugin, {
    ...identity,
    domains: identity.domains ?? upnDomains(config.adminUpn),
  });
  await app.register(deviceGateway, {
    helloTimeoutMs: config.helloTimeoutMs,
    maxProtocolErrors: 20,
    ...(config.pingIntervalMs !== undefined ? { pingIntervalMs: config.pingIntervalMs } : {}),
  });
  await app.register(metrics);
  await app.register(graphFaults);
  const throttling = config.throttling === undefined ? INTUNE_LIMITS : config.throttling;
  const throttler = throttling ? new Throttler(throttling, config.throttleClock) : null;
  const dispatchers = new GraphDispatchers();
  for (const version of ['v1.0', 'beta'] as const) {
    await app.register(graphApi, {
      prefix: `/${version}`,
      version,
      adminToken: config.adminToken,
      adminUpn: config.adminUpn,
      throttler,
      dispatchers,
    });
    await app.register(graphBatch, {
      prefix: `/${version}`,
      version,
      adminToken: config.adminToken,
      adminUpn: config.adminUpn,
      dispatchers,
      ...(config.batchRequestTimeoutMs ? { requestTimeoutMs: config.batchRequestTimeoutMs } : {}),
    });
  }
  await app.register(simApi, {
    prefix: '/sim',
    simToken: config.simToken,
    ...(config.eventStreamMaxPendingBytes
      ? { eventStreamMaxPendingBytes: config.eventStreamMaxPendingBytes }
      : {}),
  });
  await app.register(consolePlugin);
  app.withTypeProvider<ZodTypeProvider>().get(
    '/health',
    {
      schema: { tags: ['Operations'], summary: 'Liveness, with device counts', response: { 200: Health } },
    },
    async () => ({
      status: 'ok' as const,
      devices: app.services.registry.count(),
      connected: app.services.control.connectedCount(),
    }),
  );
  return app;
}
export type App = Awaited<ReturnType<typeof buildApp>>;
