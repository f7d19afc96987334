// Paging through the tenant as a Graph client does: every device once, in enrollment order, and /$count agreeing, for
// managedDevices and for the audit of remote actions, whether devices leave and enrol between listings or while one
// is under way (the $skiptoken is a cursor after the last device listed, on both stores).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** A token of this server's with its JSON changed (a forged or foreign token). */
function reencoded(
  token: string,
  change: (json: Record<string, unknown>) => Record<string, unknown>,
): string {
  const json = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
  return Buffer.from(JSON.stringify(change(json))).toString('base64url');
}

/** One page and its nextLink as a path, as a client holds them between requests. */
async function page(
  client: Simulation,
  path: string,
): Promise<{ ids: string[]; names: string[]; next: string | undefined }> {
  const { body } = await adminClient(client).get(path).expect(200);
  const link: string | undefined = body['@odata.nextLink'];
  return {
    ids: body.value.map((item: { id: string }) => item.id),
    names: body.value.map((item: { deviceName: string }) => item.deviceName),
    next: link ? new URL(link).pathname.replace('/v1.0', '') + new URL(link).search : undefined,
  };
}

describe.each([
  ['memory', () => ({ kind: 'memory' as const })],
  [
    'sqlite',
    () => ({
      kind: 'sqlite' as const,
      path: join(mkdtempSync(join(tmpdir(), 'mdmsim-paging-')), 'store.db'),
    }),
  ],
])('devices enrolling and leaving while a client pages (%s store)', (_name, store) => {
  let paged: Simulation;
  beforeAll(async () => {
    paged = await startSimulation({
      fleetName: 'paged',
      store: store(),
      fleet: {
        devices: [{ name: 'phone {n}', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', count: 8 }],
      },
    });
  });
  afterAll(() => paged.close());

  const leave = async (name: string) => {
    const id = paged.deviceId(name);
    await paged.fleet.agents.find((agent) => agent.deviceId === id)?.stop();
    await paged.waitForDevice(id, (device) => !device.connected);
    await simRequest(paged).delete(`/sim/devices/${id}`).expect(204);
  };

  it('lists, after a page, the devices after its last one: none skipped for one that left, newcomers last', async () => {
    const first = await page(paged, '/deviceManagement/managedDevices?$top=2');
    expect(first.names).toEqual(['phone 0001', 'phone 0002']);
    // A device already listed leaves: an offset would now skip phone 0003.
    await leave('phone 0001');
    const second = await page(paged, first.next ?? '');
    expect(second.names).toEqual(['phone 0003', 'phone 0004']);
    // The page's last device itself leaves, and a new one enrols: the cursor still knows where it was.
    await leave('phone 0004');
    const like = paged.fleet.agent(paged.deviceId('phone 0005'));
    if (!like) throw new Error('phone 0005');
    const { id: newcomer, device } = await enrollRawDevice(paged, like, { fleet: 'paged-extra' });
    try {
      const third = await page(paged, second.next ?? '');
      expect(third.names).toEqual(['phone 0005', 'phone 0006']);
      const fourth = await page(paged, third.next ?? '');
      expect(fourth.ids).toEqual([paged.deviceId('phone 0007'), paged.deviceId('phone 0008')]);
      const fifth = await page(paged, fourth.next ?? '');
      expect(fifth.ids).toEqual([newcomer]);
      expect(fifth.next).toBeUndefined();
    } finally {
      await device.close();
    }
  });

  it('keeps its place in an $orderby listing when listed devices leave, and refuses a token of another order', async () => {
    const first = await page(paged, '/deviceManagement/managedDevices?$orderby=deviceName%20desc&$top=2');
    expect(first.names).toEqual(['phone 0008', 'phone 0007']);
    await leave('phone 0008');
    const second = await page(paged, first.next ?? '');
    expect(second.names).toEqual(['phone 0006', 'phone 0005']);
  });

  it('keeps its place under a $filter when a listed device leaves', async () => {
    const filter = `$filter=${encodeURIComponent("startswith(deviceName,'phone 000')")}&$top=2`;
    const first = await page(paged, `/deviceManagement/managedDevices?${filter}`);
    expect(first.names).toEqual(['phone 0002', 'phone 0003']);
    await leave('phone 0002');
    const second = await page(paged, first.next ?? '');
    expect(second.names).toEqual(['phone 0005', 'phone 0006']);
  });

  it('refuses a token on any listing but its own, and one the server did not write: Graph 400s', async () => {
    const tokenOf = async (path: string) => {
      const { next } = await page(paged, path);
      return new URL(`http://x${next}`).searchParams.get('$skiptoken') ?? '';
    };
    const devices = '/deviceManagement/managedDevices';
    const byName = await tokenOf(`${devices}?$orderby=deviceName&$top=1`);
    const plain = await tokenOf(`${devices}?$top=1`);
    const refusals: string[] = [
      // Another $orderby: none, the other direction, another property of the same kind.
      `${devices}?$top=1&$skiptoken=${byName}`,
      `${devices}?$orderby=deviceName desc&$top=1&$skiptoken=${byName}`,
      `${devices}?$orderby=model&$top=1&$skiptoken=${byName}`,
      // Another $filter, another collection.
      `${devices}?$filter=${encodeURIComponent("osVersion eq '17.4'")}&$top=1&$skiptoken=${plain}`,
      `/deviceManagement/remoteActionAudits?$top=1&$skiptoken=${plain}`,
      // The same listing on another store (a memory store restarted, another server), and a value of the wrong kind.
      `${devices}?$top=1&$skiptoken=${reencoded(plain, (json) => ({ ...json, l: 'AAAAAAAAAAAAAAAA' }))}`,
      `${devices}?$orderby=deviceName&$top=1&$skiptoken=${reencoded(byName, (json) => ({ ...json, k: [5] }))}`,
      // Not a token of this server's at all: an offset, as this server wrote before.
      `${devices}?$top=1&$skiptoken=2`,
    ];
    for (const path of refusals) {
      const refused = await adminClient(paged, path.includes('remoteActionAudits') ? 'beta' : 'v1.0')
        .get(path)
        .expect(400);
      expect(refused.body.error).toMatchObject({ code: 'BadRequest' });
      expect(refused.body.error.message).toContain('$skiptoken');
    }
    // Its own listing takes it.
    await adminClient(paged).get(`${devices}?$top=1&$skiptoken=${plain}`).expect(200);
  });
});

describe("one user's devices, paged", () => {
  let shared: Simulation;
  const upn = 'pat@contoso.example';
  beforeAll(async () => {
    shared = await startSimulation({
      fleetName: 'paged-user',
      fleet: {
        devices: [
          { name: 'other {n}', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', count: 2 },
          { name: 'pat {n}', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', count: 3, user: upn },
        ],
      },
    });
  });
  afterAll(() => shared.close());

  it("lists only the user's devices, a page at a time, with tokens good for that listing alone", async () => {
    const names: string[] = [];
    let next: string | undefined = `/users/${upn}/managedDevices?$top=1`;
    let token = '';
    while (next) {
      const current: Awaited<ReturnType<typeof page>> = await page(shared, next);
      names.push(...current.names);
      next = current.next;
      if (next) token = new URL(`http://x${next}`).searchParams.get('$skiptoken') ?? '';
    }
    // A fleet file numbers its devices across entries: the other user's are 0001 and 0002.
    expect(names).toEqual(['pat 0003', 'pat 0004', 'pat 0005']);
    await adminClient(shared).get(`/deviceManagement/managedDevices?$top=1&$skiptoken=${token}`).expect(400);
    // beta reads the option without its `$` too.
    const beta = await adminClient(shared, 'beta')
      .get(`/users/${upn}/managedDevices?top=1&skiptoken=${token}`)
      .expect(200);
    expect(beta.body.value.map((device: { deviceName: string }) => device.deviceName)).toEqual(['pat 0005']);
  });
});
