// The OpenAPI document, generated from the routes' own zod schemas, and its browsable UI at /docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

/** The zod transform, plus the tag and bearer requirement of the routes that do not name their own. */
function transform(input: TransformInput) {
  const out = jsonSchemaTransform(input);
  const schema = { ...(out.schema as Record<string, unknown> | undefined) };
  if (schema.tags === undefined) {
    const graph = /^\/(v1\.0|beta)\//.test(input.url);
    schema.tags = [graph ? 'Graph' : 'Operations'];
    if (graph) schema.security = [{ bearerAuth: [] }];
  }
  return { ...out, schema };
}

export const DOCS_PATH = '/docs';

/** A route as Fastify registered it, for checking the document covers every one. */
export interface RegisteredRoute {
  method: string;
  url: string;
  hidden: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after this plugin, with whether it is left out of the document on purpose. */
    registeredRoutes: RegisteredRoute[];
  }
}

/** Register before any route: the document is built from the routes registered after it. */
async function openApi(app: FastifyInstance) {
  const routes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // OpenAPI 3.0 cannot describe a WebSocket; the device protocol is shared/protocol.ts.
    const hidden = Boolean((route.schema as { hide?: boolean } | undefined)?.hide || route.websocket);
    for (const method of methods) routes.push({ method, url: route.url, hidden });
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'mdmsim',
        description:
          "A simulated Microsoft Intune: Graph's Remove/Reset passcode for admins, the simulator API (/sim) for the devices' side. Devices connect over a WebSocket at /devices/connect (not describable in OpenAPI 3.0; its frames are shared/protocol.ts).",
        version: '0.1.0',
      },
      tags: [
        {
          name: 'Graph',
          description: 'Microsoft Graph (v1.0 and beta), as Intune answers it; bearer token required',
        },
        {
          name: 'Simulator',
          description: "The emulated devices' side: screens, user input, faults, clock, events",
        },
        { name: 'Operations', description: 'Health, metrics and the device gateway' },
      ],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
      },
    },
    transform,
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PATH });
}

export default fp(openApi, { name: 'mdmsim-openapi', fastify: '5.x' });
