// DELETE /sim/devices: a test run removes the devices it enrolled, so a shared server is left as it was found.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { simRequest } from '../support/admin-client.js';

describe('removing simulated devices', () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({
      fleetName: 'removal',
      fleet: {
        devices: [{ name: 'tablet {n}', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', count: 3 }],
      },
    });
  });
  afterAll(() => sim.close());

  const stop = async (name: string) => {
    const id = sim.deviceId(name);
    await sim.fleet.agents.find((agent) => agent.deviceId === id)?.stop();
    await sim.waitForDevice(id, (device) => !device.connected);
    return id;
  };

  it('refuses a connected device, removes a disconnected one, and then knows it no more', async () => {
    const connected = sim.deviceId('tablet 0001');
    const refused = await simRequest(sim).delete(`/sim/devices/${connected}`).expect(409);
    expect(refused.body.error.code).toBe('DeviceConnected');
    await simRequest(sim).delete('/sim/devices/no-such-device').expect(404);

    const id = await stop('tablet 0002');
    await simRequest(sim).delete(`/sim/devices/${id}`).expect(204);
    await simRequest(sim).get(`/sim/devices/${id}`).expect(404);
    const admin = `Bearer ${sim.adminToken}`;
    await request(sim.url)
      .get(`/v1.0/deviceManagement/managedDevices/${id}`)
      .set('authorization', admin)
      .expect(404);
  });

  it('removes the disconnected devices of one fleet only, and needs the fleet named', async () => {
    await simRequest(sim).delete('/sim/devices').expect(400);
    await stop('tablet 0003');
    const other = await simRequest(sim).delete('/sim/devices?fleet=someone-else').expect(200);
    expect(other.body).toEqual({ fleet: 'someone-else', removed: 0, stillConnected: 0 });
    const mine = await simRequest(sim).delete('/sim/devices?fleet=removal').expect(200);
    expect(mine.body).toEqual({ fleet: 'removal', removed: 1, stillConnected: 1 });
    const left = await simRequest(sim).get('/sim/devices').expect(200);
    expect(left.body.devices.map((device: { name: string }) => device.name)).toEqual(['tablet 0001']);
  });
});
