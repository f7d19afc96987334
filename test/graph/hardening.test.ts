// Regression tests for inputs that once escaped Graph's rules: batch URLs, deep bodies, bad Host headers, OData names.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';

let sim: Simulation;
let auth: Record<string, string>;
let iosId = '';

beforeAll(async () => {
  sim = await startSimulation({
    fleet: {
      devices: [{ name: 'iPhone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1234' }],
    },
  });
  auth = { authorization: `Bearer ${sim.adminToken}` };
  iosId = sim.deviceId('iPhone');
});
afterAll(() => sim.close());

interface BatchReply {
  responses: Array<{ id: string; status: number; body?: { error?: { code: string; message: string } } }>;
}

const batchOf = (requests: unknown[]) =>
  sim.app.inject({ method: 'POST', url: '/v1.0/$batch', headers: auth, payload: { requests } });

describe('$batch inner URLs', () => {
  it.each([
    ['/../sim/clock', 'GET'],
    ['/../health', 'GET'],
    ['/deviceManagement/../../health', 'GET'],
    ['/%2e%2e/sim/clock', 'GET'],
    ['/../beta/deviceManagement/remoteActionAudits', 'GET'],
    ['/./$batch', 'POST'],
    ['/$batch#x', 'POST'],
    ['/%24batch', 'POST'],
    ['/%2e%2e/v1.0/$batch', 'POST'],
    ['/deviceManagement/managedDevices#fragment', 'GET'],
  ])('refuses %s with its own 400, never escaping the version or nesting', async (url, method) => {
    const response = await batchOf([
      {
        id: '1',
        method,
        url,
        headers: { 'Content-Type': 'application/json' },
        body: { requests: [{ id: 'a', method: 'GET', url: '/x' }] },
      },
    ]);
    expect(response.statusCode).toBe(200);
    const [only] = response.json<BatchReply>().responses;
    expect(only?.status).toBe(400);
    expect(only?.body?.error?.code).toBe('BadRequest');
  });

  it('still runs plain relative URLs, with or without the leading slash', async () => {
    const response = await batchOf([
      { id: '1', method: 'GET', url: `/deviceManagement/managedDevices/${iosId}` },
      { id: '2', method: 'GET', url: 'deviceManagement/managedDevices?$top=1' },
    ]);
    const statuses = response.json<BatchReply>().responses.map((item) => item.status);
    expect(statuses).toEqual([200, 200]);
  });

  it('takes a non-JSON inner body as the same request over HTTP does: not read', async () => {
    // Graph's JSON batching page: a body "Might be a JSON object or a base64 URL-encoded value"; parity with HTTP is
    // in request-bodies.test.ts. syncDevice's 501 shows the body passed; nothing is recorded.
    const response = await batchOf([
      {
        id: '1',
        method: 'POST',
        url: `/deviceManagement/managedDevices/${iosId}/syncDevice`,
        headers: { 'content-type': 'application/octet-stream' },
        body: 'AAAA',
      },
    ]);
    const [only] = response.json<BatchReply>().responses;
    expect(only?.status).toBe(501);
    expect(sim.latestAction(iosId)).toBeNull();
  });
});

describe('$batch bodies', () => {
  const deeplyNested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

  it('answers a clean 400 to a 5,000-deep inner body, and sends nothing to the device', async () => {
    const payload = `{"requests":[{"id":"1","method":"POST","url":"/deviceManagement/managedDevices/${iosId}/resetPasscode","body":${deeplyNested(5000)}}]}`;
    const response = await sim.app.inject({
      method: 'POST',
      url: '/v1.0/$batch',
      headers: { ...auth, 'content-type': 'application/json' },
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'BadRequest' } });
    expect(sim.latestAction(iosId)).toBeNull();
  });

  it('answers a clean 400 to a 5,000-deep batch body', async () => {
    const response = await sim.app.inject({
      method: 'POST',
      url: '/v1.0/$batch',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: `{"requests":${deeplyNested(5000)}}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'BadRequest' } });
  });

  it('answers 413 with Graph’s body to a batch over the size bound', async () => {
    const response = await sim.app.inject({
      method: 'POST',
      url: '/v1.0/$batch',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: JSON.stringify({
        requests: [{ id: '1', method: 'POST', url: '/x', body: { padding: 'x'.repeat(5 * 1024 * 1024) } }],
      }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: 'RequestEntityTooLarge' } });
  });
});

describe('Host header', () => {
  it.each(['bad host[', 'exa mple', '[::1'])(
    'answers Graph’s 400, not a 500, to Host %j on list routes',
    async (host) => {
      for (const url of [
        '/v1.0/deviceManagement/managedDevices',
        '/beta/deviceManagement/remoteActionAudits',
      ]) {
        const response = await sim.app.inject({ url, headers: { ...auth, host } });
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({ error: { code: 'BadRequest' } });
      }
    },
  );
});

describe('OData names are the resource’s own properties', () => {
  it.each([
    '$select=__proto__',
    '$select=constructor',
    '$select=toString',
    "$filter=constructor eq 'x'",
    "$filter=__proto__ eq 'x'",
    "$filter=hasOwnProperty eq 'x'",
  ])('refuses %s with 400', async (query) => {
    const response = await sim.app.inject({
      url: `/v1.0/deviceManagement/managedDevices?${query}`,
      headers: auth,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'BadRequest' } });
    const one = await sim.app.inject({
      url: `/v1.0/deviceManagement/managedDevices/${iosId}?${query.replace('$filter', '$select')}`,
      headers: auth,
    });
    expect(one.statusCode).toBe(400);
  });
});

describe('router errors', () => {
  it('answers a long id as an unknown one (404), not as a URI too long', async () => {
    const response = await sim.app.inject({
      url: `/v1.0/deviceManagement/managedDevices/${'a'.repeat(500)}`,
      headers: auth,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'ResourceNotFound' } });
    // A batch answers its sub-requests as the router does.
    const batch = await batchOf([
      { id: '1', method: 'GET', url: `/deviceManagement/managedDevices/${'a'.repeat(500)}` },
      { id: '2', method: 'GET', url: `/deviceManagement/managedDevices/${'a'.repeat(16_385)}` },
    ]);
    const statuses = Object.fromEntries(
      batch.json().responses.map((answer: { id: string; status: number }) => [answer.id, answer.status]),
    );
    expect(statuses).toEqual({ '1': 404, '2': 414 });
  });

  it('answers a segment past any head Node reads (only in-process) with 414 in Graph’s error body', async () => {
    const response = await sim.app.inject({
      url: `/v1.0/deviceManagement/managedDevices/${'a'.repeat(16_385)}`,
      headers: auth,
    });
    expect(response.statusCode).toBe(414);
    expect(response.json()).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String) },
    });
    expect(response.json().error.innerError['request-id']).toEqual(expect.any(String));
  });

  it('answers a malformed URL with Graph’s 400 body', async () => {
    const response = await sim.app.inject({
      url: '/v1.0/deviceManagement/managedDevices/%E0%A4%A',
      headers: auth,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'BadRequest' } });
  });
});

describe('a body sent with resetPasscode', () => {
  const reset = (headers: Record<string, string>, payload: string) =>
    fetch(`${sim.url}/v1.0/deviceManagement/managedDevices/${iosId}/resetPasscode`, {
      method: 'POST',
      headers: { ...auth, ...headers },
      body: payload,
    });

  it('is refused when it is not JSON, and nothing is recorded', async () => {
    const before = sim.latestAction(iosId);
    const response = await reset({ 'content-type': 'application/json' }, '{"unfinished":');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'BadRequest' } });
    expect(sim.latestAction(iosId)).toEqual(before);
  });

  it('is read and its content ignored (what Intune does with one is unknown)', async () => {
    const response = await reset({ 'content-type': 'application/json' }, '{"foo":1}');
    expect(response.status).toBe(204);
    await sim.waitForAction(iosId, (action) => action.state === 'done');
  });
});

describe('answers of the HTTP layer', () => {
  it('answers a method nothing routes with Intune’s router 400, not a 405 (Graph has none for these paths)', async () => {
    const device = `${sim.url}/v1.0/deviceManagement/managedDevices/${iosId}`;
    const put = await fetch(`${device}/resetPasscode`, { method: 'PUT', headers: auth });
    expect(put.status).toBe(400);
    expect(put.headers.get('allow')).toBeNull();
    expect(await put.json()).toMatchObject({ error: { code: 'No method match route template' } });
  });

  it("gives a status the framework raised its own Graph code (a static file's 403 is Forbidden)", async () => {
    // Sent as written: fetch would resolve the dot segments itself.
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(sim.url);
      const req = http.request(
        { host: url.hostname, port: url.port, path: '/assets/../package.json', method: 'GET' },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'Forbidden' } });
  });
});
