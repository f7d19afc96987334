// The Microsoft Graph subset admin scripts and SDKs use for Remove passcode, mounted under /v1.0 and /beta: paths as
// Graph reads them (server/graph/odata/graph-path.ts) and query options as Intune answers them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { redactUrl } from '../../lib/logger.js';
import { ManagedDeviceBeta, ManagedDeviceV1 } from '../../shared/graph/managed-device.js';
import { RemoteActionAudit } from '../../shared/graph/remote-action-audit.js';
import { badRequest, errorBody, HttpError } from '../http-error.js';
import { requestOrigin, requireWellFormedHost } from '../request-origin.js';
import type { DeviceRecord } from '../store/store.js';
import { adminAuthHook } from './admin-auth.js';
import { clientRequestIdOf } from './client-request-id.js';
import { faultGuard } from './faults/fault-hook.js';
import { MAX_PATH_SEGMENT_LENGTH } from './framework-errors.js';
import {
  errorAnswer,
  GRAPH_JSON,
  type GraphAnswer,
  type GraphCall,
  jsonAnswer,
  withGraphHeaders,
} from './graph-call.js';
import type { GraphDispatchers } from './graph-dispatch.js';
import { readGraphBodies } from './graph-request-body.js';
import {
  type GraphVersion,
  managedDevice,
  type ResourceView,
  remoteActionAudit,
  userIdOf,
} from './graph-resources.js';
import { AN_ERROR_HAS_OCCURRED, IntuneError } from './intune-error.js';
import { noRoute, noRouteFor } from './intune-router.js';
import { metadataNotSimulated, notSimulated } from './not-simulated.js';
import { type CollectionMembers, collectionCount, collectionPage, project } from './odata/collection.js';
import { entityTypeOf } from './odata/entity-type.js';
import {
  type EntitySetName,
  type GraphTarget,
  isMetadataPath,
  resolveGraphPath,
} from './odata/graph-path.js';
import { parseQueryOptions } from './odata/query-options.js';
import { missingPermissionPhrase, permissionsFor } from './permissions.js';
import { throttleGuard } from './throttling/throttle-hook.js';
import type { Throttler } from './throttling/throttler.js';

export interface GraphApiOptions {
  version: GraphVersion;
  adminToken: string;
  /** Who the admin token speaks for, as recorded in remoteActionAudit.initiatedByUserPrincipalName. */
  adminUpn: string;
  /** Shared by both versions, so v1.0 and beta count against the same limits; null is throttling off. */
  throttler: Throttler | null;
  /** Where this plugin publishes its dispatch for the version's $batch. */
  dispatchers: GraphDispatchers;
}

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;
/** The depth of the parameter routes (users/{id}/managedDevices/{id}/resetPasscode); deeper ones: setNotFoundHandler. */
const MAX_SEGMENTS = 6;

/** Intune's 404 for a key it does not hold (its message names nothing). */
const resourceNotFound = () => new IntuneError(404, 'ResourceNotFound', AN_ERROR_HAS_OCCURRED);

export async function graphApi(app: FastifyInstance, options: GraphApiOptions) {
  const { registry, adminActions: actions } = app.services;
  const { version } = options;
  const types = {
    managedDevices: entityTypeOf(
      'microsoft.graph.managedDevice',
      version === 'beta' ? ManagedDeviceBeta : ManagedDeviceV1,
    ),
    remoteActionAudits: entityTypeOf('microsoft.graph.remoteActionAudit', RemoteActionAudit),
  } as const;

  readGraphBodies(app);
  app.addHook('onRequest', requireWellFormedHost);
  const authenticate = adminAuthHook(options.adminToken, options.adminUpn);
  // A method no Graph route takes (PROPFIND, OPTIONS) keeps the plain 404 below, authenticated or not; $metadata is
  // public in Graph, so its answer (below) needs no token either.
  app.addHook('onRequest', async (request, reply) => {
    if (request.is404 && !isGraphMethod(request.method)) return;
    if (namesMetadata(request)) return;
    await authenticate(request, reply);
  });
  const throttle = options.throttler ? throttleGuard(options.throttler, app.services.events) : null;
  const applyFault = faultGuard(app.graphFaults, app.services.events);
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('OData-Version', '4.0');
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('application/json'))
      reply.header('content-type', GRAPH_JSON);
    return payload;
  });

  const ownedBy = (device: DeviceRecord, userKey: string | undefined) =>
    userKey === undefined ||
    userKey.toLowerCase() === userIdOf(device.inventory.userPrincipalName) ||
    userKey.toLowerCase() === device.inventory.userPrincipalName.toLowerCase();

  /** Graph keys are GUIDs, which it matches whatever their case. */
  const findDevice = (key: string, userKey: string | undefined) => {
    const device = registry.get(key) ?? registry.get(key.toLowerCase());
    if (!device || !ownedBy(device, userKey)) throw resourceNotFound();
    return device;
  };
  /** `selected`: what a GET of one device names in `$select` (Intune fills some properties only then). */
  const deviceResource = (device: DeviceRecord, view: ResourceView, selected?: readonly string[]) => {
    const latest = actions.latestFor(device.id);
    return managedDevice(
      device,
      version,
      latest,
      latest ? actions.visiblePasscode(latest) : null,
      view,
      selected,
    );
  };
  const findAudit = (key: string) => {
    const action = actions.get(key) ?? actions.get(key.toLowerCase());
    if (!action) throw resourceNotFound();
    return remoteActionAudit(action, registry.get(action.deviceId));
  };

  const contextUrl = (
    call: GraphCall,
    target: Extract<GraphTarget, { set: EntitySetName }>,
    select?: string[],
  ) => {
    const owner = target.userKey === undefined ? 'deviceManagement' : `users('${target.userKey}')`;
    const projection = select ? `(${select.join(',')})` : '';
    const entity = target.kind === 'entity' ? '/$entity' : '';
    return `${call.origin}/${version}/$metadata#${owner}/${target.set}${projection}${entity}`;
  };

  /** Ids, resource builder and listing sequences of an entity set, scoped to a user where the path names one. */
  const setMembers = (set: EntitySetName, userKey: string | undefined): CollectionMembers => {
    const listing = `${app.store.id}/${set}/${userKey ?? ''}`;
    if (set === 'remoteActionAudits')
      return {
        listing,
        ids: actions.ids(),
        resourceOf: (id: string) => findAudit(id),
        sequenceOf: (id: string) => actions.sequenceOf(id),
      };
    // The tenant's ids as the store keeps them (a page costs its own size); one user's devices are picked out.
    const ids =
      userKey === undefined
        ? registry.ids()
        : registry
            .list()
            .filter((device) => ownedBy(device, userKey))
            .map((device) => device.id);
    return {
      listing,
      ids,
      resourceOf: (id: string) => deviceResource(findDevice(id, undefined), 'list'),
      sequenceOf: (id: string) => registry.sequenceOf(id),
    };
  };

  const resetPasscode = (call: GraphCall, key: string, userKey?: string): GraphAnswer => {
    const device = findDevice(key, userKey);
    parseQueryOptions(searchOf(call.url), 'action', types.managedDevices, version);
    const outcome = actions.resetPasscode(device.id, call.caller.upn, call);
    switch (outcome.kind) {
      case 'notFound':
        throw resourceNotFound();
      case 'notSupported':
        // Intune's 400 says only "An error has occurred"; the reason goes to the log and the simulator API.
        call.log.info({ deviceId: device.id, reason: outcome.reason }, 'resetPasscode not supported');
        throw new IntuneError(400, 'BadRequest', AN_ERROR_HAS_OCCURRED);
      case 'accepted':
        return { status: 204, headers: {} };
    }
  };

  /** `resolved` is the path as authorize resolved it; null when it did not, so resolving again throws its error. */
  function route(call: GraphCall, resolved: GraphTarget | null): GraphAnswer {
    const target = resolved ?? resolveGraphPath(call.segments, version);
    const search = searchOf(call.url);
    switch (target.kind) {
      case 'metadata':
        throw metadataNotSimulated(call.method);
      case 'member':
        return memberAnswer(call, target);
      case 'unsimulated':
        return unsimulatedAnswer(call, target);
      case 'action':
        if (call.method !== 'POST') throw noRoute(call, target);
        return resetPasscode(call, target.key, target.userKey);
    }
    if (target.kind === 'entity' && target.set === 'managedDevices') {
      // Intune routes no method on a device under /users: GET and DELETE are captured (microsoft-graph-docs-contrib#2323,
      // msgraph-sdk-powershell#1831), the others follow them (unverified). Only its actions are routed there.
      if (target.userKey !== undefined) throw noRoute(call, target);
      // Graph documents DELETE and PATCH of a managedDevice (intune-devices-manageddevice-delete, -update).
      if (call.method === 'DELETE' || call.method === 'PATCH')
        throw notSimulated(`${call.method} of a managedDevice`);
    }
    if (call.method !== 'GET') throw noRoute(call, target);
    const type = types[target.set];
    if (target.kind === 'entity') {
      const query = parseQueryOptions(search, 'entity', type, version);
      const resource =
        target.set === 'managedDevices'
          ? deviceResource(findDevice(target.key, target.userKey), 'entity', query.select)
          : findAudit(target.key);
      return jsonAnswer(200, {
        '@odata.context': contextUrl(call, target, query.select),
        ...project(resource, query.select, type),
      });
    }
    const members = setMembers(target.set, target.userKey);
    if (target.kind === 'count') {
      const query = parseQueryOptions(search, 'count', type, version);
      return {
        status: 200,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: String(collectionCount(members, query, type)),
      };
    }
    const query = parseQueryOptions(search, 'collection', type, version);
    const page = collectionPage(members, query, type, new URL(call.url, call.origin), version);
    return jsonAnswer(200, {
      '@odata.context': contextUrl(call, target, query.select),
      ...(page.count !== undefined ? { '@odata.count': page.count } : {}),
      value: page.value,
      ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
    });
  }

  /**
   * An action, function or navigation property Graph declares on managedDevice other than resetPasscode: 501, not
   * simulated, for the method Graph serves it with (POST an action, GET a function, any on a navigation property);
   * Intune's router 400 for another method on an action or function.
   */
  function memberAnswer(call: GraphCall, target: GraphTarget & { kind: 'member' }): GraphAnswer {
    const { name, kind } = target.member;
    if (kind === 'action' && call.method !== 'POST') throw noRoute(call, target);
    if (kind === 'function' && call.method !== 'GET') throw noRoute(call, target);
    const what = kind === 'navigation' ? `the navigation property ${name}` : `the ${kind} ${name}`;
    throw notSimulated(`${call.method} ${what} of a managedDevice`);
  }

  /**
   * A resource Graph has outside the simulated sets: 501 for any method. `/me` with an app-only token is Graph's 400,
   * whatever follows it ("/me request is only valid with delegated authentication flow.", msgraph-sdk-php#1163 and
   * microsoft-graph-docs-contrib#4895); the admin token stands for the admin's own sign-in, so its `/me` is a 501.
   */
  function unsimulatedAnswer(call: GraphCall, target: GraphTarget & { kind: 'unsimulated' }): never {
    if (target.root === 'me' && call.caller.appOnly) {
      throw badRequest('/me request is only valid with delegated authentication flow.');
    }
    if (target.routerTemplate) throw noRouteFor(call, target.routerTemplate);
    throw notSimulated(`${call.method} ${target.resource}`);
  }

  /** The caller must hold one of the permissions the call needs, inside $batch too: else Graph's 403. */
  function authorize(call: GraphCall): GraphTarget | null {
    let target: GraphTarget | null;
    try {
      target = resolveGraphPath(call.segments, version);
    } catch {
      // A path that resolves to nothing needs the broadest permission; the route answers its error.
      target = null;
    }
    const needed = permissionsFor(target, call.method);
    if (needed.length === 0 || needed.some((permission) => call.caller.permissions.has(permission)))
      return target;
    throw new IntuneError(403, 'Forbidden', missingPermissionPhrase(needed));
  }

  /** What a held call resolves to once `$batch` has abandoned it (answered its 504): nobody reads it. */
  const abandonedAnswer: GraphAnswer = { status: 504, headers: {} };

  /**
   * Permissions, throttling, then faults, then the route; every error becomes Graph's answer, with its headers. The
   * answer is synchronous unless a fault rule holds the call: $batch then races only those against its timeout.
   */
  function dispatch(call: GraphCall): GraphAnswer | Promise<GraphAnswer> {
    if (isMetadataPath(call.segments)) return metadataAnswer(call);
    // The version root (a $batch request's url "/"): what `/v1.0/` answers over HTTP, not a segment named ''.
    if (call.segments.length === 0) {
      const noRoute = new HttpError(404, 'NotFound', `No route for ${call.method} ${redactUrl(call.url)}.`);
      return withGraphHeaders(errorAnswer(noRoute, call));
    }
    let target: GraphTarget | null;
    let fault: Promise<GraphAnswer | null> | null;
    try {
      target = authorize(call);
      const throttled = throttle?.(call);
      if (throttled) return withGraphHeaders(throttled);
      fault = applyFault(call);
    } catch (error) {
      return withGraphHeaders(errorAnswer(error, call));
    }
    if (fault === null) return answerOf(call, () => route(call, target));
    return fault.then(
      (faulted) => (call.abandoned ? abandonedAnswer : answerOf(call, () => faulted ?? route(call, target))),
      (error: unknown) => withGraphHeaders(errorAnswer(error, call)),
    );
  }

  /** `answer()`'s answer, or the one for the error it threw, with Graph's headers. */
  function answerOf(call: GraphCall, answer: () => GraphAnswer): GraphAnswer {
    try {
      return withGraphHeaders(answer());
    } catch (error) {
      return withGraphHeaders(errorAnswer(error, call));
    }
  }

  /** $metadata's 501, before any token, permission, throttling or fault: Graph serves the document to anyone. */
  function metadataAnswer(call: Pick<GraphCall, 'method' | 'url' | 'requestId' | 'clientRequestId' | 'log'>) {
    return withGraphHeaders(errorAnswer(metadataNotSimulated(call.method), call));
  }

  options.dispatchers.set(version, dispatch);

  async function handle(request: FastifyRequest, reply: FastifyReply) {
    const segments = segmentsOf(request);
    const call = {
      method: request.method,
      url: request.url,
      segments,
      requestId: request.id,
      clientRequestId: clientRequestIdOf(request),
      origin: requestOrigin(request),
      log: request.log,
    };
    let answer: GraphAnswer;
    if (isMetadataPath(segments)) {
      answer = metadataAnswer(call);
    } else {
      const caller = request.graphCaller;
      if (!caller) throw new HttpError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
      answer = await dispatch({ ...call, caller });
    }
    void reply.code(answer.status).headers(answer.headers);
    return answer.body === undefined ? reply.send() : reply.send(answer.body);
  }

  for (let depth = 1; depth <= MAX_SEGMENTS; depth++) {
    const url = Array.from({ length: depth }, (_, i) => `/:s${i + 1}`).join('');
    app.route({ method: [...METHODS], url, handler: handle });
  }
  // Deeper paths come through the same layer (authentication first, then Graph's answer for the path), not Fastify's
  // 404: Graph has some (a navigation property's items and their actions), and $batch resolves any depth as well; so
  // do paths whose empty segments take them past the parameter routes. A not-found handler of this prefix rather than
  // a `/*` route: the parameter routes stay the OpenAPI document's.
  app.setNotFoundHandler((request, reply) => {
    if (!isGraphMethod(request.method) || pathDepthOf(request.url) === 0) return noRoute404(request, reply);
    return handle(request, reply);
  });
}

const isGraphMethod = (method: string) => (METHODS as readonly string[]).includes(method);

/** The plain 404 for what no Graph route takes: another method, or the version root itself. */
function noRoute404(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .code(404)
    .send(errorBody('NotFound', `No route for ${request.method} ${redactUrl(request.url)}.`, request.id));
}

/**
 * The segments below the version, decoded: from the parameter routes, or from the URL for a path they do not take.
 * None is empty: the app collapses a Graph path's empty segments before it routes (empty-segments.ts).
 */
function segmentsOf(request: FastifyRequest): string[] {
  const params = request.params as Record<string, string | undefined>;
  if (params.s1 === undefined) return deepSegmentsOf(request.url);
  const segments: string[] = [];
  for (let i = 1; i <= MAX_SEGMENTS; i++) {
    const segment = params[`s${i}`];
    if (segment !== undefined) segments.push(segment);
  }
  return segments;
}

/** Whether the request is for $metadata; a path that cannot be read is not (its handler answers why, after the token). */
function namesMetadata(request: FastifyRequest): boolean {
  try {
    return isMetadataPath(segmentsOf(request));
  } catch {
    return false;
  }
}

/** How many non-empty segments a request path has below its version. */
function pathDepthOf(url: string): number {
  const [path = ''] = url.split('?', 1);
  return path
    .split('/')
    .slice(2)
    .filter((segment) => segment !== '').length;
}

/** The decoded segments below the version of a path the parameter routes do not take (empty ones dropped). */
function deepSegmentsOf(url: string): string[] {
  const [path = ''] = url.split('?', 1);
  const segments = path
    .split('/')
    .slice(2)
    .filter((segment) => segment !== '');
  // As the parameter routes and $batch refuse a segment this long (framework-errors.ts).
  if (segments.some((segment) => segment.length > MAX_PATH_SEGMENT_LENGTH))
    throw new HttpError(414, 'RequestUriTooLong', 'The request URI is too long.');
  try {
    return segments.map((segment) => (segment.includes('%') ? decodeURIComponent(segment) : segment));
  } catch {
    throw badRequest('The request URL is not valid: it could not be decoded.');
  }
}

function searchOf(url: string): string {
  const index = url.indexOf('?');
  return index < 0 ? '' : url.slice(index + 1);
}
