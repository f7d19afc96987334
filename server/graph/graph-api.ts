// The Microsoft Graph subset admin scripts and SDKs use for Remove passcode, mounted under /v1.0 and /beta.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError, itemNotFound } from '../http-error.js';
import { adminAuthHook } from './admin-auth.js';
import { type GraphVersion, managedDevice, remoteActionAudit } from './graph-resources.js';
import { applySelect, filterPredicate, ODataQuery, page } from './odata-query.js';

export interface GraphApiOptions {
  version: GraphVersion;
  adminToken: string;
  /** Who the admin token speaks for, as recorded in remoteActionAudit.initiatedByUserPrincipalName. */
  adminUpn: string;
}

const DeviceParams = z.object({ id: z.string().min(1) });
/** resetPasscode takes no parameters; like Graph, it ignores whatever body an SDK sends (none, {}, or text). */
const IgnoredBody = z.unknown();

export async function graphApi(app: FastifyInstance, options: GraphApiOptions) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { registry, actions } = app.services;
  const { version } = options;
  app.addHook('onRequest', adminAuthHook(options.adminToken));

  const origin = (protocol: string, host: string) => `${protocol}://${host}/${version}`;
  const deviceResource = (id: string) => {
    const device = registry.get(id);
    if (!device) throw itemNotFound(`The managedDevice '${id}' was not found.`);
    const latest = actions.latestFor(id);
    return managedDevice(device, version, latest, latest ? actions.visiblePasscode(latest) : null);
  };

  api.get('/deviceManagement/managedDevices', { schema: { querystring: ODataQuery } }, async (request) => {
    const matches = filterPredicate(request.query.$filter, 'microsoft.graph.managedDevice');
    const resources = registry
      .list()
      .map((device) => deviceResource(device.id))
      .filter(matches);
    const self = new URL(request.url, `${request.protocol}://${request.host}`);
    const { value, nextLink } = page(resources, request.query, self);
    return {
      '@odata.context': `${origin(request.protocol, request.host)}/$metadata#deviceManagement/managedDevices`,
      value: value.map((resource) =>
        applySelect(resource, request.query.$select, 'microsoft.graph.managedDevice'),
      ),
      ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
    };
  });

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
      const outcome = actions.resetPasscode(request.params.id, options.adminUpn);
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
    api.get(
      '/deviceManagement/remoteActionAudits',
      { schema: { querystring: ODataQuery } },
      async (request) => {
        const matches = filterPredicate(request.query.$filter, 'microsoft.graph.remoteActionAudit');
        const audits = actions
          .list()
          .map((action) => remoteActionAudit(action, registry.get(action.deviceId)))
          .filter(matches);
        const self = new URL(request.url, `${request.protocol}://${request.host}`);
        const { value, nextLink } = page(audits, request.query, self);
        return {
          '@odata.context': `${origin(request.protocol, request.host)}/$metadata#deviceManagement/remoteActionAudits`,
          value: value.map((audit) =>
            applySelect(audit, request.query.$select, 'microsoft.graph.remoteActionAudit'),
          ),
          ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
        };
      },
    );

    api.get(
      '/deviceManagement/remoteActionAudits/:id',
      { schema: { params: DeviceParams } },
      async (request) => {
        const action = actions.get(request.params.id);
        if (!action) throw itemNotFound(`The remoteActionAudit '${request.params.id}' was not found.`);
        return {
          '@odata.context': `${origin(request.protocol, request.host)}/$metadata#deviceManagement/remoteActionAudits/$entity`,
          ...remoteActionAudit(action, registry.get(action.deviceId)),
        };
      },
    );
  }
}
