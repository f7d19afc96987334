// Throttling as Intune applies it: counted on a clock the test moves (no sleeping), answered with 429 and Retry-After.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { readServerConfig } from '../../server/config.js';
import { INTUNE_LIMITS, throttlingSetting } from '../../server/graph/throttling/throttle-limits.js';
import { Throttler } from '../../server/graph/throttling/throttler.js';
import { batchedResetPasscode } from '../../shared/graph/batch-request.js';
import type { GraphIncident } from '../../shared/sim/graph-incident.js';
import { graphSdkClient } from '../support/graph-sdk-client.js';

describe('Throttler', () => {
  it('admits 200 writes per app per tenant in 20 s, then refuses until the oldest leaves the window', () => {
    let now = 0;
    const throttler = new Throttler(INTUNE_LIMITS, () => now);
    for (let i = 0; i < 200; i++) {
      expect(throttler.admit('t', 'app', 'POST').admitted).toBe(true);
      now += 10;
    }
    const refused = throttler.admit('t', 'app', 'POST');
    expect(refused).toEqual({
      admitted: false,
      retryAfterMs: 20_000 - 2_000,
      limit: 'writesPerAppPerTenant',
    });
    // Reads are still under their own limit; another app of the tenant still has its own 200 writes.
    expect(throttler.admit('t', 'app', 'GET').admitted).toBe(true);
    expect(throttler.admit('t', 'other-app', 'DELETE').admitted).toBe(true);
    now = 20_000;
    expect(throttler.admit('t', 'app', 'POST').admitted).toBe(true);
  });

  it('limits all apps of a tenant together, and tenants apart', () => {
    let now = 0;
    const throttler = new Throttler(INTUNE_LIMITS, () => now);
    for (let i = 0; i < 400; i++) expect(throttler.admit('t', `app-${i % 4}`, 'PATCH').admitted).toBe(true);
    expect(throttler.admit('t', 'app-9', 'POST')).toMatchObject({
      admitted: false,
      limit: 'writesPerTenant',
    });
    expect(throttler.admit('other-tenant', 'app-0', 'POST').admitted).toBe(true);
    now += 1;
    for (let i = 0; i < 2000; i++) throttler.admit('u', 'reader', 'GET');
    expect(throttler.admit('u', 'reader', 'GET')).toMatchObject({
      admitted: false,
      limit: 'requestsPerAppPerTenant',
    });
  });

  it('reads MDMSIM_THROTTLING settings, refusing unknown limits', () => {
    expect(throttlingSetting('off')).toBeNull();
    expect(throttlingSetting('intune')).toEqual(INTUNE_LIMITS);
    expect(throttlingSetting('custom', 'writesPerAppPerTenant=5, windowSeconds=2')).toMatchObject({
      writesPerAppPerTenant: 5,
      windowSeconds: 2,
      requestsPerTenant: 4000,
    });
    expect(() => throttlingSetting('custom', 'writes=5')).toThrow(/unknown limit 'writes'/);
    expect(() => throttlingSetting('custom', 'writesPerTenant=-1')).toThrow(/MDMSIM_THROTTLING_LIMITS/);
  });

  it('is on with Intune’s limits unless the server configuration says otherwise', () => {
    expect(readServerConfig([], {}).throttling).toEqual(INTUNE_LIMITS);
    expect(readServerConfig(['--throttling', 'off'], {}).throttling).toBeNull();
    expect(
      readServerConfig([], { MDMSIM_THROTTLING: 'custom', MDMSIM_THROTTLING_LIMITS: 'requestsPerTenant=10' })
        .throttling,
    ).toMatchObject({ requestsPerTenant: 10, writesPerTenant: 400 });
    expect(() => readServerConfig([], { MDMSIM_THROTTLING: 'sometimes' })).toThrow(/MDMSIM_THROTTLING/);
    expect(() =>
      readServerConfig([], { MDMSIM_THROTTLING: 'custom', MDMSIM_THROTTLING_LIMITS: 'x=1' }),
    ).toThrow(/unknown limit 'x'/);
  });
});

describe('Graph throttling over HTTP (Intune limits, on by default)', () => {
  let sim: Simulation;
  let now = 0;
  let iosId = '';
  const incidents: GraphIncident[] = [];
  beforeAll(async () => {
    sim = await startSimulation({
      fleet: {
        devices: [
          { name: 'iPhone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1234' },
          { name: 'Mac', enrollment: 'macOS', osVersion: '14.4', passcode: 'password' },
        ],
      },
      throttleClock: () => now,
    });
    iosId = sim.deviceId('iPhone');
    sim.app.services.events.on('graph', (incident) => incidents.push(incident));
  });
  afterAll(() => sim.close());

  const auth = () => ({ authorization: `Bearer ${sim.adminToken}` });
  const reset = (id: string, version = 'v1.0') =>
    sim.app.inject({
      method: 'POST',
      url: `/${version}/deviceManagement/managedDevices/${id}/resetPasscode`,
      headers: auth(),
    });

  it('answers the 201st write in 20 s with 429 TooManyRequests, Retry-After and Graph’s body', async () => {
    now = 1_000_000;
    for (let i = 0; i < 200; i++) {
      const response = await reset(iosId, i % 2 === 0 ? 'v1.0' : 'beta');
      expect(response.statusCode).toBe(204);
    }
    const actionsBefore = sim.app.services.actions.list().length;
    now += 5_000;
    const throttled = await reset(iosId);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers['retry-after']).toBe('15');
    const body = throttled.json();
    expect(body.error).toMatchObject({
      code: 'TooManyRequests',
      innerError: { 'request-id': expect.any(String), date: expect.any(String) },
    });
    // Intune's devices service throttles, so the message is its document (see test/graph/intune-errors.test.ts).
    expect(JSON.parse(body.error.message)).toMatchObject({
      _version: 3,
      Message: expect.stringMatching(/^An error has occurred - /),
    });
    expect(sim.app.services.actions.list().length).toBe(actionsBefore);
    expect(incidents.at(-1)).toMatchObject({ kind: 'throttled', status: 429, retryAfterSeconds: 15 });
    const read = await sim.app.inject({ url: '/v1.0/deviceManagement/managedDevices', headers: auth() });
    expect(read.statusCode).toBe(200);
    now += 15_000;
    expect((await reset(iosId)).statusCode).toBe(204);
  });

  it('throttles each $batch sub-request on its own', async () => {
    now += 100_000;
    for (let i = 0; i < 195; i++) expect((await reset(iosId)).statusCode).toBe(204);
    const response = await sim.app.inject({
      method: 'POST',
      url: '/v1.0/$batch',
      headers: auth(),
      payload: {
        requests: Array.from({ length: 10 }, (_, index) => batchedResetPasscode(String(index + 1), iosId)),
      },
    });
    expect(response.statusCode).toBe(200);
    const statuses = response
      .json<{ responses: Array<{ status: number; headers: Record<string, string> }> }>()
      .responses.map((item) => item.status)
      .sort();
    expect(statuses).toEqual([204, 204, 204, 204, 204, 429, 429, 429, 429, 429]);
    const throttled = response.json().responses.find((item: { status: number }) => item.status === 429);
    expect(throttled.headers['Retry-After']).toEqual(expect.any(String));
    expect(throttled.body.error.code).toBe('TooManyRequests');
  });

  it('lets the Graph JS SDK’s RetryHandler ride out a 429 and succeed', async () => {
    now += 100_000;
    for (let i = 0; i < 200; i++) await reset(iosId);
    // Where the SDK would wait Retry-After seconds, the throttler's clock is moved by as much instead; the SDK's own
    // sleep is then at most a millisecond, because the window is made to end just after the refused request.
    now += 20_000 - 1;
    const retryAfterSeen: string[] = [];
    const client = graphSdkClient(sim.url, sim.adminToken, {
      retry: {
        maxRetries: 3,
        shouldRetry: (_delay, _attempt, _request, _options, response) => {
          const retryAfter = response.headers.get('Retry-After') ?? '0';
          retryAfterSeen.push(retryAfter);
          now += Number(retryAfter) * 1000;
          return true;
        },
      },
    });
    await client.api(`/deviceManagement/managedDevices/${iosId}/resetPasscode`).post(undefined);
    expect(retryAfterSeen.length).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfterSeen[0])).toBeGreaterThan(0);
  });
});

describe('Graph throttling off', () => {
  it('admits any burst when the server runs with throttling null (MDMSIM_THROTTLING=off)', async () => {
    const sim = await startSimulation({
      fleet: {
        devices: [{ name: 'iPhone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1' }],
      },
      throttling: null,
      throttleClock: () => 0,
    });
    try {
      const id = sim.deviceId('iPhone');
      for (let i = 0; i < 250; i++) {
        const response = await sim.app.inject({
          method: 'POST',
          url: `/v1.0/deviceManagement/managedDevices/${id}/resetPasscode`,
          headers: { authorization: `Bearer ${sim.adminToken}` },
        });
        expect(response.statusCode).toBe(204);
      }
    } finally {
      await sim.close();
    }
  });
});
