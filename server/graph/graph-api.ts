// The Microsoft Graph subset admin scripts and SDKs use for Remove passcode, mounted under /v1.0 and /beta.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError, itemNotFound } from '../http-error.js';
import { adminAuthHook } from './admin-auth.js';
import { acceptEmptyJsonBodies } from './empty-json-body.js';
import { faultHook } from './faults/fault-hook.js';
import { type GraphVersion, managedDevice, remoteActionAudit } from './graph-resources.js';
import { applySelect, filterPredicate, ODataQuery, page } from './odata-query.js';
import { ALL_PERMISSIONS } from './permissions.js';
import { requireWellFormedHost } from './request-origin.js';
import { throttleHook } from './throttling/throttle-hook.js';
import type { Throttler } from './throttling/throttler.js';

export interface GraphApiOptions {
  version: GraphVersion;
  adminToken: string;
  /** Who the admin token speaks for, as recorded in remoteActionAudit.initiatedByUserPrincipalName. */
  adminUpn: string;
  /** Shared by both versions, so v1.0 and beta count against the same limits; null is throttling off. */
  throttler: Throttler | null;
}

const DeviceParams = z.object({ id: z.string().min(1) });
/** resetPasscode takes no parameters; like Graph, it ignores whatever body an SDK sends (none, {}, or text). */
const IgnoredBody = z.unknown();

export async function graphApi(app: FastifyInstance, options: GraphApiOptions) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { registry, actions } = app.services;
  const { version } = options;
  acceptEmptyJsonBodies(app);
  app.addHook('onRequest', requireWellFormedHost);
  app.addHook(
    'onRequest',
    adminAuthHook(options.adminToken, {
      tenantId: 'mdmsim',
      permissions: ALL_PERMISSIONS,
      upn: options.adminUpn,
    }),
  );
  if (options.throttler) app.addHook('onRequest', throttleHook(options.throttler, app.services.events));
  app.addHook('onRequest', faultHook(app.graphFaults, app.services.events));

  const origin = (protocol: string, host: string) => `${protocol}://${host}/${version}`;
  const deviceResource = (id: string) => {
    const device = registry.get(id);
    if (!device) throw itemNotFound(`The managedDevice '${id}' was not found.`);
    const latest = actions.latestFor(id);
    return managedDevice(device, version, latest, latest ? actions.visiblePasscode(latest) : null);
  };

  /** An OData collection: filtered, paged with @odata.nextLink, then $select applied to the page. */
  const collection = <T extends Record<string, unknown>>(
    request: Pick<FastifyRequest, 'url' | 'protocol' | 'host'> & { query: ODataQuery },
    entitySet: string,
    typeName: string,
    ids: readonly string[],
    resourceOf: (id: string) => T,
  ) => {
    const { query } = request;
    // Without $filter, page the ids first, so a page costs its own size and not the fleet's.
    const matching: ReadonlyArray<string | T> = query.$filter
      ? ids.map(resourceOf).filter(filterPredicate(query.$filter, typeName))
      : ids;
    const self = new URL(request.url, `${request.protocol}://${request.host}`);
    const { value, nextLink } = page(matching, query, self);
    return {
      '@odata.context': `${origin(request.protocol, request.host)}/$metadata#deviceManagement/${entitySet}`,
      value: value.map((item) =>
        applySelect(typeof item === 'string' ? resourceOf(item) : item, query.$select, typeName),
      ),
      ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
    };
  };

  api.get('/deviceManagement/managedDevices', { schema: { querystring: ODataQuery } }, async (request) =>
    collection(
      request,
      'managedDevices',
      'microsoft.graph.managedDevice',
      registry.list().map((device) => device.id),
      deviceResource,
    ),
  );

  api.get(
    '/deviceManagement/managedDevices/:id',
    { schema: { params: DeviceParams, querystring: ODataQuery.pick({ $select: true }) } },
    async (request) => ({
      '@odata.context': `${origin(request.protocol, request.host)}/$metadata#deviceManagement/managedDevices/$entity`,
      ...applySelect(
        deviceResource(request.params.id),
        request.query.$select,
        'microsoft.graph.managedDevice',
      ),
    }),
  );

  api.post(
    '/deviceManagement/managedDevices/:id/resetPasscode',
    { schema: { params: DeviceParams, body: IgnoredBody } },
    async (request, reply) => {
      const initiator = request.graphCaller?.upn ?? options.adminUpn;
      const outcome = actions.resetPasscode(request.params.id, initiator);
      switch (outcome.kind) {
        case 'notFound':
          throw itemNotFound(`The managedDevice '${request.params.id}' was not found.`);
        case 'notSupported':
          throw new HttpError(400, 'BadRequest', outcome.reason);
        case 'accepted':
          request.log.info(
            { deviceId: request.params.id, actionId: outcome.action.id },
            'resetPasscode accepted',
          );
          return reply.code(204).send();
      }
    },
  );

  if (version === 'beta') {
    const auditResource = (id: string) => {
      const action = actions.get(id);
      if (!action) throw itemNotFound(`The remoteActionAudit '${id}' was not found.`);
      return remoteActionAudit(action, registry.get(action.deviceId));
    };

    api.get(
      '/deviceManagement/remoteActionAudits',
      { schema: { querystring: ODataQuery } },
      async (request) =>
        collection(
          request,
          'remoteActionAudits',
          'microsoft.graph.remoteActionAudit',
          actions.list().map((action) => action.id),
          auditResource,
        ),
    );

    api.get(
      '/deviceManagement/remoteActionAudits/:id',
      { schema: { params: DeviceParams } },
      async (request) => ({
        '@odata.context': `${origin(request.protocol, request.host)}/$metadata#deviceManagement/remoteActionAudits/$entity`,
        ...auditResource(request.params.id),
      }),
    );
  }
}
