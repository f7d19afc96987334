// A first segment that is no Graph version is Graph's 400 "Invalid version." (mdmsim's own routes keep theirs), and
// paths of any depth under a version go through the Graph layer: authentication first, then Graph's answer.
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphErrorBody } from '../../shared/graph/graph-error.js';
import { ONE_IPHONE } from '../support/one-iphone.js';
import { useSimulation } from '../support/use-simulation.js';

const sim = useSimulation(ONE_IPHONE);
let id = '';

beforeAll(() => {
  id = sim.deviceId('iPhone');
});

const call = (method: 'GET' | 'POST', url: string, token: string | null = sim.adminToken) =>
  sim.app.inject({ method, url, headers: token === null ? {} : { authorization: `Bearer ${token}` } });

describe('unknown versions', () => {
  it.each([
    '/v2.0/deviceManagement/managedDevices',
    '/V1.0/deviceManagement/managedDevices',
    '/v1.0None?$top=1',
    '/me?$select=displayName',
    '/v1/$batch',
  ])('answers %s with Graph’s 400 "Invalid version."', async (url) => {
    const response = await call(url.endsWith('$batch') ? 'POST' : 'GET', url);
    expect(response.statusCode).toBe(400);
    expect(GraphErrorBody.parse(response.json()).error).toMatchObject({
      code: 'BadRequest',
      message: 'Invalid version.',
    });
  });

  it('leaves mdmsim’s own paths and Entra’s alone', async () => {
    for (const url of ['/sim/nothing-here', '/health/x', '/docs/nothing-here', '/metrics/x', '/devices/x']) {
      const response = await call('GET', url, null);
      expect(response.statusCode, url).not.toBe(400);
      expect(response.payload, url).not.toContain('Invalid version.');
    }
    expect((await call('GET', '/health', null)).statusCode).toBe(200);
    const entra = await call('GET', '/contoso.onmicrosoft.com/oauth2/v2.0/nothing', null);
    expect(entra.statusCode).toBe(404);
    expect(entra.json()).toHaveProperty('error_codes');
  });
});

describe('deep paths', () => {
  const deep = () => `/v1.0/deviceManagement/managedDevices/${id}/resetPasscode/a/b/c`;

  it('authenticates a path deeper than six segments first, as a shallower one', async () => {
    for (const url of [deep(), `/beta/a/b/c/d/e/f/g/h`]) {
      const response = await call('GET', url, null);
      expect(response.statusCode, url).toBe(401);
      expect(response.json().error.code).toBe('InvalidAuthenticationToken');
    }
  });

  it('then answers Graph’s 400 for the segment it does not have, as $batch does', async () => {
    const direct = await call('POST', deep());
    expect(direct.statusCode).toBe(400);
    expect(direct.json().error.message).toBe("Resource not found for the segment 'a'.");
    const batch = await sim.app.inject({
      method: 'POST',
      url: '/v1.0/$batch',
      headers: { authorization: `Bearer ${sim.adminToken}` },
      payload: { requests: [{ id: '1', method: 'GET', url: deep().slice('/v1.0'.length) }] },
    });
    const [only] = batch.json().responses;
    expect(only.status).toBe(400);
    expect(only.body.error.message).toBe("Resource not found for the segment 'a'.");
  });

  it('decodes deep segments as the router does, refusing an undecodable one with Graph’s 400', async () => {
    const encoded = await call('GET', `/v1.0/deviceManagement/managedDevices/${id}/resetPasscode/%61/b/c`);
    expect(encoded.json().error.message).toBe("Resource not found for the segment 'a'.");
    const broken = await call(
      'GET',
      `/v1.0/deviceManagement/managedDevices/${id}/resetPasscode/%E0%A4%A/b/c`,
    );
    expect(broken.statusCode).toBe(400);
    expect(GraphErrorBody.parse(broken.json()).error.code).toBe('BadRequest');
  });
});
