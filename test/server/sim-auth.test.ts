// The simulator API is closed: every /sim route and the event stream answer 401 without the simulator token.
import http from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';

describe('simulator token', () => {
  let sim: Simulation;
  let id: string;
  beforeAll(async () => {
    sim = await startSimulation({
      fleet: {
        devices: [{ name: 'phone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1234' }],
      },
    });
    id = sim.deviceId('phone');
  });
  afterAll(() => sim.close());

  const routes = (): Array<{ method: 'get' | 'post'; path: string; body?: object }> => [
    { method: 'get', path: '/sim/devices' },
    { method: 'get', path: `/sim/devices/${id}` },
    { method: 'post', path: `/sim/devices/${id}/input`, body: { type: 'unlock', passcode: '0000' } },
    { method: 'post', path: `/sim/devices/${id}/faults`, body: { type: 'offline', durationMs: 1000 } },
    { method: 'get', path: '/sim/clock' },
    { method: 'post', path: '/sim/clock', body: { speed: 0 } },
    { method: 'get', path: '/sim/events' },
  ];

  it('answers 401 with a Graph-shaped body and a clear message on every route without a token', async () => {
    for (const route of routes()) {
      const response = await request(sim.url)[route.method](route.path).send(route.body);
      expect(response.status, `${route.method} ${route.path}`).toBe(401);
      expect(response.headers['www-authenticate']).toContain('Bearer');
      expect(response.body.error.code).toBe('InvalidAuthenticationToken');
      expect(response.body.error.message).toContain('MDMSIM_SIM_TOKEN');
    }
  });

  it('refuses a wrong token and the admin token, changing nothing', async () => {
    const before = sim.app.services.clock.snapshot();
    for (const token of ['not-the-simulator-token', sim.adminToken, sim.enrollmentToken, '']) {
      for (const route of routes()) {
        const response = await request(sim.url)
          [route.method](route.path)
          .set('Authorization', `Bearer ${token}`)
          .send(route.body);
        expect(response.status, `${route.method} ${route.path} with ${token}`).toBe(401);
        expect(response.body.error.code).toBe('InvalidAuthenticationToken');
      }
    }
    expect(sim.app.services.clock.snapshot()).toEqual(before);
    expect(sim.device(id).state.locked).toBe(true);
  });

  it('takes ?access_token= on the event stream only', async () => {
    await request(sim.url).get(`/sim/devices?access_token=${sim.simToken}`).expect(401);
    await request(sim.url).get(`/sim/clock?access_token=${sim.simToken}`).expect(401);
    await request(sim.url).get('/sim/events?access_token=wrong-token-123456').expect(401);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = http.get(
        `${sim.url}/sim/events?access_token=${encodeURIComponent(sim.simToken)}`,
        (res) => {
          resolve(res.statusCode);
          req.destroy();
        },
      );
      req.on('error', reject);
    });
    expect(status).toBe(200);
  });

  it('answers with the token in the Authorization header', async () => {
    const response = await request(sim.url)
      .get('/sim/devices')
      .set('Authorization', `Bearer ${sim.simToken}`)
      .expect(200);
    expect(response.body.devices).toHaveLength(1);
  });
});
