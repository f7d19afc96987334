// The Graph JS SDK's PageIterator walks a 2,500-device fleet at Intune's page size (1,000) through @odata.nextLink.
// One real agent enrolls; the other 2,499 enroll through the real gateway as raw sockets sending its hello, which is
// much cheaper than 2,499 device state machines.
import { randomUUID } from 'node:crypto';
import { PageIterator } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { PROTOCOL_VERSION } from '../../shared/protocol.js';
import { graphSdkClient } from '../support/graph-sdk-client.js';
import { connectRawDevice } from '../support/raw-device.js';

const FLEET_SIZE = 2500;
let sim: Simulation;

beforeAll(async () => {
  sim = await startSimulation({
    fleet: {
      devices: [
        { name: 'Template iPhone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1' },
      ],
    },
  });
  const template = sim.fleet.agent(sim.deviceId('Template iPhone'));
  if (!template) throw new Error('no template agent');
  const enrollOne = async (index: number) => {
    const device = await connectRawDevice(sim.url);
    device.sendJson({
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      deviceId: randomUUID(),
      deviceSecret: randomUUID(),
      enrollmentToken: sim.enrollmentToken,
      fleet: 'page-iterator',
      inventory: { ...template.inventory, deviceName: `Fleet iPhone ${index}` },
      state: template.device.state(),
    });
    await device.next('welcome', 10_000);
    await device.close();
  };
  for (let start = 1; start < FLEET_SIZE; start += 100) {
    const batch = Array.from({ length: Math.min(100, FLEET_SIZE - start) }, (_, i) => enrollOne(start + i));
    await Promise.all(batch);
  }
}, 60_000);
afterAll(() => sim?.close());

it('pages 2,500 devices in pages of 1,000 without $top, each id once', async () => {
  expect(sim.app.services.registry.count()).toBe(FLEET_SIZE);
  const client = graphSdkClient(sim.url, sim.adminToken);
  const first = await client.api('/deviceManagement/managedDevices').select('id,deviceName').get();
  expect(first.value).toHaveLength(1000);
  expect(first['@odata.nextLink']).toEqual(expect.stringMatching(/\$top=1000&\$skiptoken=[A-Za-z0-9_-]+$/));
  const seen = new Set<string>();
  const iterator = new PageIterator(client, first, (device: { id: string }) => {
    seen.add(device.id);
    return true;
  });
  await iterator.iterate();
  expect(seen.size).toBe(FLEET_SIZE);
  expect(iterator.isComplete()).toBe(true);
  // The same walk by hand shows the page sizes the iterator followed.
  const pageSizes = [first.value.length];
  let link: string | undefined = first['@odata.nextLink'];
  while (link) {
    const page = await client.api(link).get();
    pageSizes.push(page.value.length);
    link = page['@odata.nextLink'];
  }
  expect(pageSizes).toEqual([1000, 1000, 500]);
});
