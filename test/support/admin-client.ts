// Supertest clients for a running simulation: the admin (Graph, with the bearer token) and the device user (sim API).
import request from 'supertest';
import type { Simulation } from '../../runner/simulation.js';

export function adminClient(sim: Simulation, version: 'v1.0' | 'beta' = 'v1.0') {
  const auth = { Authorization: `Bearer ${sim.adminToken}` };
  return {
    get: (path: string) => request(sim.url).get(`/${version}${path}`).set(auth),
    post: (path: string, body?: object) => {
      const req = request(sim.url).post(`/${version}${path}`).set(auth);
      return body === undefined ? req : req.send(body);
    },
    resetPasscode: (deviceId: string) =>
      request(sim.url)
        .post(`/${version}/deviceManagement/managedDevices/${deviceId}/resetPasscode`)
        .set(auth),
  };
}

/** The temporary passcode as the admin reads it in Graph (the simulator API never shows it), or null. */
export async function temporaryPasscode(sim: Simulation, deviceId: string): Promise<string | null> {
  const response = await adminClient(sim, 'beta')
    .get(`/deviceManagement/managedDevices/${deviceId}?$select=id,deviceActionResults`)
    .expect(200);
  return response.body.deviceActionResults[0]?.passcode ?? null;
}

/** Supertest on the simulator API, with the simulator token. */
export function simRequest(sim: Simulation) {
  const auth = { Authorization: `Bearer ${sim.simToken}` };
  return {
    get: (path: string) => request(sim.url).get(path).set(auth),
    post: (path: string, body?: object) => {
      const req = request(sim.url).post(path).set(auth);
      return body === undefined ? req : req.send(body);
    },
    delete: (path: string) => request(sim.url).delete(path).set(auth),
  };
}

export function deviceUser(sim: Simulation, deviceId: string) {
  return {
    act: (input: Record<string, unknown>) =>
      request(sim.url)
        .post(`/sim/devices/${deviceId}/input`)
        .set('Authorization', `Bearer ${sim.simToken}`)
        .send(input),
  };
}
