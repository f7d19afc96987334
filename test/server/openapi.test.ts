// The OpenAPI document is generated from the routes: every route registered is in it, with its shared schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/app.js';
import { privateAppConfig } from '../../server/host.js';

/** Fastify's `/devices/:id` as OpenAPI writes it: `/devices/{id}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('OpenAPI document', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildApp(privateAppConfig());
    await app.ready();
  });
  afterAll(() => app.close());

  it('describes every registered route that is not deliberately hidden', () => {
    const paths = (app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
    const routes = app.registeredRoutes.filter((route) => route.method !== 'HEAD' && !route.hidden);
    expect(routes.length).toBeGreaterThan(15);
    const missing = routes
      .filter((route) => paths[openApiPath(route.url)]?.[route.method.toLowerCase()] === undefined)
      .map((route) => `${route.method} ${route.url}`);
    expect(missing).toEqual([]);
    // The only hidden ones are the UI's own files, the console's assets and the device WebSocket.
    const hidden = app.registeredRoutes.filter((route) => route.method !== 'HEAD' && route.hidden);
    expect(hidden.map((route) => route.url).filter((url) => !/^\/(docs|assets)\b/.test(url))).toEqual([
      '/devices/connect',
    ]);
  });

  it('carries the response schemas from shared/sim and serves the document and its UI at /docs', async () => {
    const json = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(json.statusCode).toBe(200);
    const document = json.json();
    const device =
      document.paths['/sim/devices/{id}'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(device.properties)).toEqual(
      expect.arrayContaining(['id', 'state', 'removePasscode', 'latestAction']),
    );
    expect(document.paths['/v1.0/deviceManagement/managedDevices'].get.security).toEqual([
      { bearerAuth: [] },
    ]);
    const ui = await app.inject({ method: 'GET', url: '/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });
});
