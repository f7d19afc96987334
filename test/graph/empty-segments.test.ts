// Empty path segments (`//`) are no segments, wherever they stand, over HTTP and in $batch alike: Microsoft.OData.Core's
// UriPathParser skips them ("Skip the empty segment or the "/" segment"), so `/v1.0/deviceManagement//managedDevices`
// reads as `/v1.0/deviceManagement/managedDevices`. Before, the parameter routes kept them (a 400 naming the segment
// '', or a 404 for the key ''), deeper paths and $batch dropped them.
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphErrorBody } from '../../shared/graph/graph-error.js';
import { ONE_IPHONE } from '../support/one-iphone.js';
import { useSimulation } from '../support/use-simulation.js';

const sim = useSimulation(ONE_IPHONE);
let id = '';

beforeAll(() => {
  id = sim.deviceId('iPhone');
});

const auth = () => ({ authorization: `Bearer ${sim.adminToken}` });
const get = (path: string, headers: Record<string, string> = auth()) =>
  fetch(`${sim.url}${path}`, { headers });

/** What a read answered, without what differs from call to call (ids, dates, the context link's path). */
async function readOf(response: Response) {
  const body = (await response.json()) as { value?: Array<{ id: string }>; id?: string; error?: unknown };
  return {
    status: response.status,
    ids: body.value?.map((device) => device.id) ?? body.id,
    error: body.error,
  };
}

describe('empty path segments', () => {
  it('are dropped wherever they stand: the list reads as the list', async () => {
    const list = await readOf(await get('/v1.0/deviceManagement/managedDevices'));
    expect(list).toEqual({ status: 200, ids: [id], error: undefined });
    for (const path of [
      '/v1.0/deviceManagement//managedDevices',
      '/v1.0/deviceManagement/managedDevices//',
      '/v1.0//deviceManagement/managedDevices',
      // Past the six parameter routes only because of its empty segments.
      '/v1.0/deviceManagement////////managedDevices',
      '/beta//deviceManagement//managedDevices//',
    ]) {
      expect(await readOf(await get(path)), path).toEqual(list);
    }
  });

  it('are dropped before a key and an action too', async () => {
    const device = await readOf(await get(`/v1.0/deviceManagement//managedDevices//${id}`));
    expect(device).toEqual({ status: 200, ids: id, error: undefined });
    const action = await fetch(`${sim.url}/v1.0/deviceManagement/managedDevices/${id}//syncDevice`, {
      method: 'POST',
      headers: auth(),
    });
    expect(action.status).toBe(501);
  });

  it('still need the token', async () => {
    for (const path of [
      '/v1.0/deviceManagement//managedDevices',
      '/v1.0/deviceManagement/managedDevices//',
    ]) {
      const response = await get(path, {});
      expect(response.status, path).toBe(401);
      expect(GraphErrorBody.parse(await response.json()).error.code).toBe('InvalidAuthenticationToken');
    }
  });

  it('leave the version root the version root: `/v1.0//` answers as `/v1.0` does', async () => {
    const root = await get('/v1.0');
    expect(root.status).toBe(404);
    for (const path of ['/v1.0/', '/v1.0//', '/v1.0///']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(GraphErrorBody.parse(await response.json()).error.code).toBe('NotFound');
    }
  });

  it('are dropped by $batch the same way, so an inner URL answers what the HTTP request does', async () => {
    const urls = [
      '/deviceManagement//managedDevices',
      '/deviceManagement/managedDevices//',
      `/deviceManagement//managedDevices//${id}`,
    ];
    const response = await fetch(`${sim.url}/v1.0/$batch`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: urls.map((url, index) => ({ id: String(index), method: 'GET', url })),
      }),
    });
    const answers = (await response.json()).responses as Array<{ id: string; status: number; body: unknown }>;
    for (const [index, url] of urls.entries()) {
      const inner = answers.find((answer) => answer.id === String(index));
      const direct = await readOf(await get(`/v1.0${url}`));
      expect(inner?.status, url).toBe(direct.status);
      const body = inner?.body as { value?: Array<{ id: string }>; id?: string };
      expect(body.value?.map((device) => device.id) ?? body.id, url).toEqual(direct.ids);
    }
  });

  it('lead to the batch endpoint too, and an inner url of the version root answers as the root does', async () => {
    const posted = await fetch(`${sim.url}/v1.0//$batch`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ requests: [{ id: '1', method: 'GET', url: '/' }] }),
    });
    expect(posted.status).toBe(200);
    const [inner] = (await posted.json()).responses as Array<{ status: number; body: unknown }>;
    const root = await get('/v1.0/');
    expect(inner?.status).toBe(root.status);
    expect(GraphErrorBody.parse(inner?.body).error).toMatchObject({
      code: 'NotFound',
      message: GraphErrorBody.parse(await root.json()).error.message,
    });
  });
});
