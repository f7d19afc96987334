// $filter's contains() over HTTP: honoured on exactly the managedDevice properties whose descriptions in Graph's
// metadata document it (v1.0: five, beta: deviceName), case-insensitively as `eq`; refused as before elsewhere.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { entityTypeOf } from '../../server/graph/odata/entity-type.js';
import { filterPredicate, parseFilter } from '../../server/graph/odata/filter.js';
import { ManagedDeviceV1 } from '../../shared/graph/managed-device.js';
import { QUERY_FLEET } from './fixtures/query-fleet.js';

let sim: Simulation;
beforeAll(async () => {
  sim = await startSimulation({ fleet: QUERY_FLEET });
});
afterAll(() => sim.close());

const ALL = ['Alpha iPhone', 'beta iPad', 'Delta Mac', 'Gamma Work'].sort();

async function filtered(version: 'v1.0' | 'beta', filter: string, status = 200) {
  const response = await request(sim.url)
    .get(`/${version}/deviceManagement/managedDevices?$filter=${encodeURIComponent(filter)}`)
    .set('Authorization', `Bearer ${sim.adminToken}`)
    .expect(status);
  return response.body as { value: Array<{ deviceName: string }>; error?: { code: string; message: string } };
}
const namesOf = async (version: 'v1.0' | 'beta', filter: string) =>
  (await filtered(version, filter)).value.map((device) => device.deviceName).sort();

const refusal =
  "Invalid filter clause: the function 'contains' is not supported on type 'microsoft.graph.managedDevice'.";

describe('contains() on the properties v1.0 documents it for', () => {
  it.each([
    ["contains(deviceName,'ta ')", ['beta iPad', 'Delta Mac']],
    ["contains(model,'pad')", ['beta iPad']],
    ["contains(osVersion,'.4')", ['Alpha iPhone', 'Delta Mac']],
    // The fleet's users are user0001… in the simulation's own domain.
    ["contains(emailAddress,'user0003@')", ['Gamma Work']],
    // Intune reports phoneNumber '' for these devices: nothing contains '5', every one contains ''.
    ["contains(phoneNumber,'5')", []],
    ["contains(phoneNumber,'')", ALL],
  ])('%s', async (filter, expected) => {
    expect(await namesOf('v1.0', filter)).toEqual([...expected].sort());
  });

  it('ignores case on both sides, as eq does, and the function name is case-insensitive', async () => {
    expect(await namesOf('v1.0', "contains(deviceName,'IPHONE')")).toEqual(['Alpha iPhone']);
    expect(await namesOf('v1.0', "contains(DEVICENAME,'beta')")).toEqual(['beta iPad']);
    expect(await namesOf('v1.0', "CONTAINS(Model,'MACBOOK')")).toEqual(['Delta Mac']);
  });

  it('combines with not, and, or and parentheses as the other terms do', async () => {
    expect(await namesOf('v1.0', "not contains(deviceName,'I')")).toEqual(['Delta Mac', 'Gamma Work']);
    expect(await namesOf('v1.0', "contains(deviceName,'a') and operatingSystem eq 'iOS'")).toEqual([
      'Alpha iPhone',
      'beta iPad',
    ]);
    expect(await namesOf('v1.0', "contains(model,'pixel') or contains(osVersion,'16')")).toEqual([
      'Gamma Work',
      'beta iPad',
    ]);
    expect(
      await namesOf(
        'v1.0',
        "not (contains(deviceName,'iphone') or contains(deviceName,'ipad')) and isSupervised eq false",
      ),
    ).toEqual(['Delta Mac', 'Gamma Work']);
  });

  it('with a null argument matches nothing, and its negation everything', async () => {
    expect(await namesOf('v1.0', 'contains(deviceName,null)')).toEqual([]);
    expect(await namesOf('v1.0', 'not contains(deviceName,null)')).toEqual(ALL);
  });

  it('takes a string argument only, with ODL’s message for any other', async () => {
    const body = await filtered('v1.0', 'contains(deviceName,5)', 400);
    expect(body.error?.message).toBe(
      "No function signature for the function with name 'contains' matches the specified arguments. The function signatures considered are: contains(Edm.String Nullable=true, Edm.String Nullable=true).",
    );
  });
});

describe('contains() on beta', () => {
  it('is honoured on deviceName, the one property beta documents it for', async () => {
    expect(await namesOf('beta', "contains(deviceName,'MAC')")).toEqual(['Delta Mac']);
    expect(await namesOf('beta', "not contains(deviceName,'a') or contains(deviceName,'work')")).toEqual([
      'Gamma Work',
    ]);
  });

  it.each([
    "contains(model,'pad')",
    "contains(osVersion,'17')",
    "contains(emailAddress,'user')",
    "contains(phoneNumber,'1')",
  ])('refuses %s as before', async (filter) => {
    const body = await filtered('beta', filter, 400);
    expect(body.error).toMatchObject({ code: 'BadRequest', message: refusal });
  });
});

describe('contains() elsewhere', () => {
  it.each([
    ['v1.0', "contains(serialNumber,'a')"],
    ['v1.0', "contains(userPrincipalName,'user')"],
    ['v1.0', "deviceName eq 'Delta Mac' or contains(manufacturer,'apple')"],
    ['v1.0', "not contains(userDisplayName,'a')"],
    ['beta', "contains(serialNumber,'a')"],
  ] as const)('%s: refuses %s with the same 400 as before', async (version, filter) => {
    const body = await filtered(version, filter, 400);
    expect(body.error).toMatchObject({ code: 'BadRequest', message: refusal });
  });

  it('refuses it on remoteActionAudits, where Graph documents it on no property', async () => {
    const response = await request(sim.url)
      .get(
        `/beta/deviceManagement/remoteActionAudits?$filter=${encodeURIComponent("contains(deviceDisplayName,'a')")}`,
      )
      .set('Authorization', `Bearer ${sim.adminToken}`)
      .expect(400);
    expect(response.body.error.message).toBe(
      "Invalid filter clause: the function 'contains' is not supported on type 'microsoft.graph.remoteActionAudit'.",
    );
  });

  it('names an unknown property as any other term does', async () => {
    const body = await filtered('v1.0', "contains(nope,'a')", 400);
    expect(body.error?.message).toBe(
      "Could not find a property named 'nope' on type 'microsoft.graph.managedDevice'.",
    );
  });
});

// mdmsim reports none of these five properties null, so a null one is driven through the predicate the listing uses.
describe('contains() on a null property', () => {
  const type = entityTypeOf('microsoft.graph.managedDevice', ManagedDeviceV1);
  const matches = (filter: string, device: Record<string, unknown>) =>
    filterPredicate(parseFilter(filter, type, 'v1.0'), type)(device);

  it('contains nothing, not even the empty string, so its negation holds', () => {
    for (const property of ['deviceName', 'model', 'osVersion', 'emailAddress', 'phoneNumber']) {
      expect(matches(`contains(${property},'')`, { [property]: null })).toBe(false);
      expect(matches(`contains(${property},'a')`, { [property]: null })).toBe(false);
      expect(matches(`not contains(${property},'a')`, { [property]: null })).toBe(true);
    }
    expect(matches("contains(phoneNumber,'')", { phoneNumber: '' })).toBe(true);
  });
});
