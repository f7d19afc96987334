// Paging through the tenant as a Graph client does, before and after a device leaves and one enrols: every device once,
// in enrollment order, and /$count agreeing, for managedDevices and for the audit of remote actions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { adminClient, simRequest } from '../support/admin-client.js';
import { enrollRawDevice } from '../support/raw-device.js';

let sim: Simulation;
beforeAll(async () => {
  sim = await startSimulation({
    fleetName: 'paging',
    fleet: {
      devices: [{ name: 'tablet {n}', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', count: 5 }],
    },
  });
});
afterAll(() => sim.close());

/** Follows @odata.nextLink from the first page of `size`, as the SDKs' page iterators do; every id, in order. */
async function everyId(path: string, size: number, version: 'v1.0' | 'beta' = 'v1.0'): Promise<string[]> {
  const ids: string[] = [];
  let next: string | undefined = `/deviceManagement/${path}?$top=${size}`;
  while (next) {
    const page: { body: { value: Array<{ id: string }>; '@odata.nextLink'?: string } } = await adminClient(
      sim,
      version,
    )
      .get(next)
      .expect(200);
    expect(page.body.value.length).toBeLessThanOrEqual(size);
    ids.push(...page.body.value.map((item) => item.id));
    const link = page.body['@odata.nextLink'];
    next = link ? new URL(link).pathname.replace(`/${version}`, '') + new URL(link).search : undefined;
  }
  return ids;
}

const count = async (path: string, version: 'v1.0' | 'beta' = 'v1.0') =>
  Number((await adminClient(sim, version).get(`/deviceManagement/${path}/$count`).expect(200)).text);

const enrolledOrder = () => sim.app.services.registry.list().map((device) => device.id);

describe('paging through the tenant', () => {
  it('lists every device once, in enrollment order, before and after one leaves and one enrols', async () => {
    const first = await everyId('managedDevices', 2);
    expect(first).toHaveLength(5);
    expect(first).toEqual(enrolledOrder());
    expect(await count('managedDevices')).toBe(5);

    const leaving = sim.deviceId('tablet 0002');
    await sim.fleet.agents.find((agent) => agent.deviceId === leaving)?.stop();
    await sim.waitForDevice(leaving, (device) => !device.connected);
    await simRequest(sim).delete(`/sim/devices/${leaving}`).expect(204);
    const afterLeaving = await everyId('managedDevices', 2);
    expect(afterLeaving).toEqual(first.filter((id) => id !== leaving));
    expect(await count('managedDevices')).toBe(4);

    const like = sim.fleet.agent(sim.deviceId('tablet 0001'));
    if (!like) throw new Error('tablet 0001');
    const { id, device } = await enrollRawDevice(sim, like, { fleet: 'paging-extra' });
    try {
      expect(await everyId('managedDevices', 3)).toEqual([...afterLeaving, id]);
      expect(await count('managedDevices')).toBe(5);
    } finally {
      await device.close();
    }
  });

  it('lists the audit of remote actions once each, oldest first, before and after one more, with /$count agreeing', async () => {
    const devices = ['tablet 0003', 'tablet 0001', 'tablet 0004'].map((name) => sim.deviceId(name));
    const auditOf = (deviceId: string) => sim.app.services.actions.latestFor(deviceId)?.id;
    for (const deviceId of devices.slice(0, 2))
      await adminClient(sim, 'beta').resetPasscode(deviceId).expect(204);
    expect(await everyId('remoteActionAudits', 1, 'beta')).toEqual(devices.slice(0, 2).map(auditOf));
    expect(await count('remoteActionAudits', 'beta')).toBe(2);
    await adminClient(sim, 'beta')
      .resetPasscode(devices[2] ?? '')
      .expect(204);
    expect(await everyId('remoteActionAudits', 2, 'beta')).toEqual(devices.map(auditOf));
    expect(await count('remoteActionAudits', 'beta')).toBe(3);
  });
});
