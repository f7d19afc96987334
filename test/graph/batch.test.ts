// Graph $batch: inner requests run against the same app with the caller's token, each failing on its own.
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFleet } from '../../agents/fleet/load-fleet.js';
import { connectFleet, createFleet, type RunningFleet } from '../../agents/runtime/fleet-runner.js';
import { type App, buildApp } from '../../server/app.js';
import { batchedResetPasscode } from '../../shared/graph/batch-request.js';

const adminToken = randomBytes(24).toString('base64url');
const enrollmentToken = randomBytes(24).toString('base64url');
const auth = { authorization: `Bearer ${adminToken}` };
const JSON_CONTENT = { 'Content-Type': 'application/json' };

let app: App;
let fleet: RunningFleet;
let iosId = '';
let macId = '';

interface BatchReply {
  responses: Array<{ id: string; status: number; headers?: Record<string, string>; body?: unknown }>;
}

beforeAll(async () => {
  app = await buildApp({
    adminToken,
    adminUpn: 'admin@contoso.onmicrosoft.com',
    enrollmentToken,
    simToken: 'batch-test-simulator-token',
    supportEdition: '2018-03',
    clockSpeed: 1,
    notNowRetryMs: 60_000,
    inputTimeoutMs: 5_000,
    helloTimeoutMs: 5_000,
    logger: { level: 'silent' },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const spec = parseFleet(
    {
      devices: [
        { name: 'iPhone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '123456' },
        { name: 'Mac', enrollment: 'macOS', osVersion: '14.4', passcode: 'mac-pass' },
      ],
    },
    'the batch test fleet',
  );
  fleet = createFleet(spec, {
    serverUrl: url,
    enrollmentToken,
    fleetName: 'batch',
    logger: pino({ level: 'silent' }),
  });
  await connectFleet(fleet, {});
  iosId = fleet.agents[0]?.deviceId ?? '';
  macId = fleet.agents[1]?.deviceId ?? '';
});

afterAll(async () => {
  await fleet?.stop();
  await app?.close();
});

const batch = (payload: unknown, version = 'v1.0', headers: Record<string, string> = auth) =>
  app.inject({ method: 'POST', url: `/${version}/$batch`, headers, payload: payload as object });

describe('POST /$batch', () => {
  it('runs every request and keeps failures to their own response', async () => {
    const response = await batch({
      requests: [
        batchedResetPasscode('1', iosId),
        {
          ...batchedResetPasscode('2', macId),
          url: `deviceManagement/managedDevices/${macId}/resetPasscode`,
        },
        { id: '3', method: 'GET', url: '/deviceManagement/managedDevices/nope' },
        { id: '4', method: 'get', url: `/deviceManagement/managedDevices/${iosId}?$select=id,deviceName` },
      ],
    });
    expect(response.statusCode).toBe(200);
    const { responses } = response.json<BatchReply>();
    const byId = new Map(responses.map((item) => [item.id, item]));
    expect(byId.get('1')?.status).toBe(204);
    expect(byId.get('1')?.body).toBeUndefined();
    expect(byId.get('2')?.status).toBe(400);
    expect(byId.get('2')?.body).toMatchObject({ error: { code: 'BadRequest' } });
    expect(byId.get('3')?.status).toBe(404);
    expect(byId.get('3')?.body).toMatchObject({ error: { code: 'ResourceNotFound' } });
    expect(byId.get('4')?.status).toBe(200);
    expect(byId.get('4')?.body).toMatchObject({ id: iosId, deviceName: 'iPhone' });
  });

  it('works under /beta, where remoteActionAudits exist', async () => {
    const response = await batch(
      { requests: [{ id: 'a', method: 'GET', url: '/deviceManagement/remoteActionAudits' }] },
      'beta',
    );
    expect(response.statusCode).toBe(200);
    const [only] = response.json<BatchReply>().responses;
    expect(only?.status).toBe(200);
    expect(only?.body).toMatchObject({ value: expect.any(Array) });
  });

  it('answers 424 for a request whose dependency failed, and orders dependent requests', async () => {
    const response = await batch({
      requests: [
        { id: 'b', method: 'GET', url: `/deviceManagement/managedDevices/${iosId}`, dependsOn: ['a'] },
        { id: 'a', method: 'GET', url: '/deviceManagement/managedDevices/missing' },
        { id: 'c', method: 'GET', url: `/deviceManagement/managedDevices/${iosId}` },
      ],
    });
    const byId = new Map(response.json<BatchReply>().responses.map((item) => [item.id, item.status]));
    expect(Object.fromEntries(byId)).toEqual({ a: 404, b: 424, c: 200 });
  });

  it('refuses more than 20 requests, duplicate ids, unknown dependencies and cycles', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/x' }));
    const tooMany = await batch({ requests: many });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ error: { code: 'BadRequest' } });

    const duplicate = await batch({
      requests: [
        { id: '1', method: 'GET', url: '/a' },
        { id: '1', method: 'GET', url: '/b' },
      ],
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json()).toMatchObject({ error: { code: 'BadRequest' } });

    const unknown = await batch({ requests: [{ id: '1', method: 'GET', url: '/a', dependsOn: ['9'] }] });
    expect(unknown.statusCode).toBe(400);

    const cycle = await batch({
      requests: [
        { id: '1', method: 'GET', url: '/a', dependsOn: ['2'] },
        { id: '2', method: 'GET', url: '/b', dependsOn: ['1'] },
      ],
    });
    expect(cycle.statusCode).toBe(400);

    const empty = await batch({ requests: [] });
    expect(empty.statusCode).toBe(400);
    const badMethod = await batch({ requests: [{ id: '1', method: 'TRACE', url: '/a' }] });
    expect(badMethod.statusCode).toBe(400);
  });

  it('refuses the whole batch for a write request without a body or without its Content-Type, as Graph does', async () => {
    const actionsBefore = app.services.actions.latestFor(iosId);
    const reset = `/deviceManagement/managedDevices/${iosId}/resetPasscode`;
    const bodyless = await batch({
      requests: [
        { id: '1', method: 'GET', url: `/deviceManagement/managedDevices/${iosId}` },
        { id: 'x', method: 'POST', url: reset },
      ],
    });
    expect(bodyless.statusCode).toBe(400);
    expect(bodyless.json()).toMatchObject({
      error: {
        code: 'BadRequest',
        message: 'Write request id : x does not contain Content-Type header or body.',
      },
    });
    const headerless = await batch({ requests: [{ id: 'y', method: 'POST', url: reset, body: {} }] });
    expect(headerless.statusCode).toBe(400);
    expect(headerless.json()).toMatchObject({
      error: {
        code: 'BadRequest',
        message: "Write request with id 'y' does not contain a Content-Type header.",
      },
    });
    // Nothing of a refused batch ran.
    expect(app.services.actions.latestFor(iosId)).toEqual(actionsBefore);
    // The header's name in any case, as HTTP's are.
    const lowerCase = await batch({
      requests: [
        { id: 'z', method: 'POST', url: reset, headers: { 'content-type': 'application/json' }, body: {} },
      ],
    });
    expect(lowerCase.json<BatchReply>().responses[0]?.status).toBe(204);
  });

  it('compares request ids without case, as Graph does, in uniqueness and in dependsOn', async () => {
    const duplicate = await batch({
      requests: [
        { id: 'a', method: 'GET', url: '/deviceManagement/managedDevices?$top=1' },
        { id: 'A', method: 'GET', url: '/deviceManagement/managedDevices?$top=1' },
      ],
    });
    expect(duplicate.statusCode).toBe(400);
    const dependent = await batch({
      requests: [
        { id: 'second', method: 'GET', url: '/deviceManagement/managedDevices?$top=1', dependsOn: ['FIRST'] },
        { id: 'first', method: 'GET', url: '/deviceManagement/managedDevices/missing' },
      ],
    });
    expect(dependent.statusCode).toBe(200);
    const statuses = Object.fromEntries(
      dependent.json<BatchReply>().responses.map((item) => [item.id, item.status]),
    );
    expect(statuses).toEqual({ first: 404, second: 424 });
  });

  it('requires the admin token for the batch itself', async () => {
    const response = await batch({ requests: [{ id: '1', method: 'GET', url: '/a' }] }, 'v1.0', {});
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
  });

  it('refuses absolute URLs and nested batches per request', async () => {
    const response = await batch({
      requests: [
        { id: '1', method: 'GET', url: 'https://graph.microsoft.com/v1.0/me' },
        { id: '2', method: 'POST', url: '/$batch', headers: JSON_CONTENT, body: { requests: [] } },
        { id: '3', method: 'GET', url: '/deviceManagement/managedDevices?$top=1' },
      ],
    });
    const byId = new Map(response.json<BatchReply>().responses.map((item) => [item.id, item.status]));
    expect(Object.fromEntries(byId)).toEqual({ 1: 400, 2: 400, 3: 200 });
  });

  it('runs each sub-request in-process with its own request-id and Graph’s headers', async () => {
    const response = await batch({
      requests: [
        { id: '1', method: 'GET', url: `/deviceManagement/managedDevices/${iosId}?$select=id` },
        { id: '2', method: 'GET', url: '/deviceManagement/managedDevices/missing' },
        { id: '3', method: 'GET', url: '/deviceManagement/managedDevices/$count' },
      ],
    });
    const items = response.json<BatchReply>().responses;
    const ids = items.map((item) => item.headers?.['request-id']);
    expect(new Set([...ids, response.headers['request-id']]).size).toBe(4);
    for (const item of items) expect(item.headers?.['OData-Version']).toBe('4.0');
    expect(items.find((item) => item.id === '1')?.headers?.['Content-Type']).toMatch(
      /^application\/json;odata.metadata=minimal/,
    );
    const missing = items.find((item) => item.id === '2');
    expect(missing?.body).toMatchObject({
      error: { code: 'ResourceNotFound', innerError: { 'request-id': missing?.headers?.['request-id'] } },
    });
    expect(items.find((item) => item.id === '3')?.body).toBe('2');
  });

  it('is served over real HTTP too', async () => {
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const response = await fetch(`http://127.0.0.1:${port}/v1.0/$batch`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: [{ id: '1', method: 'GET', url: `/deviceManagement/managedDevices/${iosId}` }],
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as BatchReply;
    expect(body.responses[0]?.status).toBe(200);
  });
});
