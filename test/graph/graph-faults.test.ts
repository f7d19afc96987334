// Admin-side faults through the simulator API: Graph answers 429/500/503/504 or is slow on demand, seen by real clients.
import http from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { batchedResetPasscode } from '../../shared/graph/batch-request.js';
import type { GraphIncident } from '../../shared/sim/graph-incident.js';
import { simRequest } from '../support/admin-client.js';
import { graphSdkClient } from '../support/graph-sdk-client.js';

let sim: Simulation;
let iosId = '';
const incidents: GraphIncident[] = [];

beforeAll(async () => {
  sim = await startSimulation({
    fleet: {
      devices: [{ name: 'iPhone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1234' }],
    },
    batchRequestTimeoutMs: 200,
  });
  iosId = sim.deviceId('iPhone');
  sim.app.services.events.on('graph', (incident) => incidents.push(incident));
});
afterAll(() => sim.close());

const graph = () => ({
  get: (path: string) => request(sim.url).get(path).set('Authorization', `Bearer ${sim.adminToken}`),
  post: (path: string, body?: object) =>
    request(sim.url)
      .post(path)
      .set('Authorization', `Bearer ${sim.adminToken}`)
      .send(body ?? {}),
});
const addFault = (rule: object) => simRequest(sim).post('/sim/graph-faults').send(rule);

describe('admin-side Graph faults', () => {
  it('answers the next N matching requests with 503 and Graph’s body, while other paths and the device stay healthy', async () => {
    await addFault({
      method: 'POST',
      path: '*/resetPasscode',
      status: 503,
      retryAfterSeconds: 3,
      times: 2,
    }).expect(201);
    const list = await simRequest(sim).get('/sim/graph-faults').expect(200);
    expect(list.body.faults).toHaveLength(1);
    for (let i = 0; i < 2; i++) {
      const failed = await graph()
        .post(`/v1.0/deviceManagement/managedDevices/${iosId}/resetPasscode`)
        .expect(503);
      expect(failed.headers['retry-after']).toBe('3');
      expect(failed.body.error).toMatchObject({ code: 'ServiceUnavailable', innerError: { status: '503' } });
      expect(sim.latestAction(iosId)).toBeNull();
    }
    await graph().get(`/v1.0/deviceManagement/managedDevices/${iosId}`).expect(200);
    await graph().post(`/v1.0/deviceManagement/managedDevices/${iosId}/resetPasscode`).expect(204);
    await sim.waitForAction(iosId, (action) => action.state === 'done');
    expect((await simRequest(sim).get('/sim/graph-faults').expect(200)).body.faults).toEqual([]);
    expect(
      incidents.filter((incident) => incident.kind === 'fault').map((incident) => incident.status),
    ).toEqual([503, 503]);
  });

  it('hits a seeded fraction of requests, the same ones for the same seed', async () => {
    const pattern = async () => {
      const rule = await addFault({
        path: '/v1.0/deviceManagement/managedDevices',
        status: 500,
        fraction: 0.5,
        seed: 's1',
      });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++)
        statuses.push((await graph().get('/v1.0/deviceManagement/managedDevices')).status);
      await simRequest(sim).delete(`/sim/graph-faults/${rule.body.id}`).expect(204);
      return statuses;
    };
    const first = await pattern();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
  });

  it('always sends Retry-After with an injected 429, a default when the rule gives none', async () => {
    await addFault({ method: 'GET', path: '*managedDevices', status: 429 }).expect(201);
    const throttled = await graph().get('/v1.0/deviceManagement/managedDevices').expect(429);
    expect(throttled.headers['retry-after']).toBe('1');
    expect(throttled.body.error.code).toBe('TooManyRequests');
    expect(incidents.at(-1)).toMatchObject({ kind: 'fault', status: 429, retryAfterSeconds: 1 });
  });

  it('lets the SDK’s RetryHandler ride out a 504 without Retry-After', async () => {
    await addFault({ method: 'GET', path: '*managedDevices', status: 504 }).expect(201);
    let retries = 0;
    const client = graphSdkClient(sim.url, sim.adminToken, {
      retry: { maxRetries: 2, shouldRetry: () => ++retries > 0 },
    });
    const devices = await client.api('/deviceManagement/managedDevices').get();
    expect(devices.value).toHaveLength(1);
    expect(retries).toBe(1);
  });

  it('gives a slow $batch sub-request its own 504 when it outlasts the per-request timeout', async () => {
    await addFault({ method: 'GET', path: `*/${iosId}`, delayMs: 2_000 }).expect(201);
    const response = await graph()
      .post('/v1.0/$batch', {
        requests: [
          { id: '1', method: 'GET', url: `/deviceManagement/managedDevices/${iosId}` },
          { id: '2', method: 'GET', url: '/deviceManagement/managedDevices?$top=1' },
        ],
      })
      .expect(200);
    const statuses = Object.fromEntries(
      response.body.responses.map((item: { id: string; status: number }) => [item.id, item.status]),
    );
    expect(statuses).toEqual({ 1: 504, 2: 200 });
  });

  it('drops a $batch sub-request it answered 504 for: the held reset never happens', async () => {
    const before = sim.latestAction(iosId);
    const auditsBefore = await graph().get('/beta/deviceManagement/remoteActionAudits').expect(200);
    // Held past the batch's 200 ms timeout, then let go at 400 ms: it must not reach the route then.
    await addFault({ method: 'POST', path: '*/resetPasscode', delayMs: 400 }).expect(201);
    const response = await graph()
      .post('/v1.0/$batch', {
        requests: [batchedResetPasscode('1', iosId)],
      })
      .expect(200);
    expect(response.body.responses[0]).toMatchObject({ id: '1', status: 504 });
    // A call held 500 ms from now answers after the dropped call's hold has ended (timers fire in order).
    const audits = '/beta/deviceManagement/remoteActionAudits';
    await addFault({ method: 'GET', path: audits, delayMs: 500 }).expect(201);
    const auditsAfter = await graph().get(audits).expect(200);
    expect(auditsAfter.body.value).toEqual(auditsBefore.body.value);
    expect(sim.latestAction(iosId)).toEqual(before);
  });

  it('keeps a rule that can never match cheap to test against every call', async () => {
    await addFault({ path: `${'*a'.repeat(12)}*b`, status: 500 }).expect(201);
    await graph()
      .get(`/v1.0/deviceManagement/managedDevices/${'a'.repeat(40)}`)
      .expect(404);
    await simRequest(sim).delete('/sim/graph-faults').expect(204);
  });

  it('shows a fault on /sim/events as a graph event', async () => {
    const frame = new Promise<string>((resolve, reject) => {
      const req = http.get(
        `${sim.url}/sim/events?events=graph`,
        { headers: { authorization: `Bearer ${sim.simToken}` } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            const event = text.split('\n\n').find((block) => block.startsWith('event: graph'));
            if (event) {
              req.destroy();
              resolve(event);
            }
          });
          res.once('data', () => {
            void addFault({
              method: 'GET',
              path: '/beta/deviceManagement/remoteActionAudits',
              status: 500,
            }).then(() => graph().get('/beta/deviceManagement/remoteActionAudits').expect(500));
          });
        },
      );
      req.on('error', reject);
    });
    const data = JSON.parse((await frame).split('data: ')[1] ?? '{}');
    expect(data).toMatchObject({
      kind: 'fault',
      status: 500,
      method: 'GET',
      url: '/beta/deviceManagement/remoteActionAudits',
    });
  });

  it('refuses rules that would do nothing or are malformed, and clears them all', async () => {
    await addFault({ path: '*' }).expect(400);
    await addFault({ status: 418 }).expect(400);
    await addFault({ status: 500, fraction: 2 }).expect(400);
    await addFault({ delayMs: 1, retryAfterSeconds: 1 }).expect(400);
    await addFault({ status: 500, times: 5 }).expect(201);
    await simRequest(sim).delete('/sim/graph-faults').expect(204);
    await graph().get('/v1.0/deviceManagement/managedDevices').expect(200);
  });
});
