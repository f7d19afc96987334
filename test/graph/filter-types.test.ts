// $filter literals checked against their property's Edm type when the filter is parsed, over HTTP: a literal of the
// wrong type or an impossible date is Graph's 400 with OData's message whatever the data, never a silent 200 [].
// Messages are Microsoft.OData.Core's (release-7.x, src/Microsoft.OData.Core/Microsoft.OData.Core.txt).
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { entityTypeOf } from '../../server/graph/odata/entity-type.js';
import { ManagedDeviceBeta, ManagedDeviceV1 } from '../../shared/graph/managed-device.js';
import { RemoteActionAudit } from '../../shared/graph/remote-action-audit.js';
import { QUERY_FLEET } from './fixtures/query-fleet.js';

let sim: Simulation;

beforeAll(async () => {
  sim = await startSimulation({ fleet: QUERY_FLEET });
});
afterAll(() => sim.close());

const get = (path: string) => request(sim.url).get(path).set('Authorization', `Bearer ${sim.adminToken}`);
const names = (body: { value: Array<{ deviceName: string }> }) =>
  body.value.map((device) => device.deviceName).sort();
const devices = '/v1.0/deviceManagement/managedDevices';
const ALL = ['Alpha iPhone', 'Delta Mac', 'Gamma Work', 'beta iPad'];

const badDate = (text: string) =>
  `The DateTimeOffset text '${text}' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range.`;
const incompatible = (left: string, right: string, kind: string) =>
  `A binary operator with incompatible types was detected. Found operand types '${left}' and '${right}' for operator kind '${kind}'.`;
const notAMember = (value: string) => `The string '${value}' is not a valid enumeration type constant.`;
const noStartsWith =
  "No function signature for the function with name 'startswith' matches the specified arguments. The function signatures considered are: startswith(Edm.String Nullable=true, Edm.String Nullable=true).";

describe('$filter literals of the property’s type', () => {
  it.each([
    ['enrolledDateTime lt 2099-12-01T00:00:00Z', ALL],
    ['enrolledDateTime lt 2099-12-01T00:00+01:00', ALL],
    ['enrolledDateTime gt 2096-02-29T23:59:59.9999999Z', []],
    ['isSupervised eq false', ['Delta Mac', 'Gamma Work']],
    ["managementAgent eq 'mdm'", ['Alpha iPhone', 'Delta Mac', 'beta iPad']],
    ["managementAgent ne 'mdm'", ['Gamma Work']],
    // A member written as a plain string is found ignoring case (ODL's StringAsEnumResolver).
    ["managementAgent eq 'MDM'", ['Alpha iPhone', 'Delta Mac', 'beta iPad']],
    ["managementAgent in ('Mdm', 'googleCloudDevicePolicyController')", ALL],
    ["managementAgent in ('googleCloudDevicePolicyController', null)", ['Gamma Work']],
    ['managementAgent eq null', []],
    ['totalStorageSpaceInBytes gt 0', ALL],
    ['totalStorageSpaceInBytes lt 9223372036854775807', ALL],
    ['totalStorageSpaceInBytes ge 0.5', ALL],
    ['deviceName ne null', ALL],
    ["deviceName in ('alpha iphone', null, 'BETA IPAD')", ['Alpha iPhone', 'beta iPad']],
    ['startswith(deviceName,null)', []],
  ])('%s', async (filter, expected) => {
    const response = await get(`${devices}?$filter=${encodeURIComponent(filter)}`).expect(200);
    expect(names(response.body)).toEqual(expected);
  });

  it.each([
    ['enrolledDateTime lt 2099-13-01T00:00:00Z', badDate('2099-13-01T00:00:00Z')],
    ['enrolledDateTime gt 2026-99-99T99:99:99Z', badDate('2026-99-99T99:99:99Z')],
    ['enrolledDateTime gt 2026-02-29T00:00:00Z', badDate('2026-02-29T00:00:00Z')],
    ['enrolledDateTime gt 2026-01-01T24:00:00Z', badDate('2026-01-01T24:00:00Z')],
    ['enrolledDateTime gt 2026-01-01T00:00:00', badDate('2026-01-01T00:00:00')],
    ['enrolledDateTime gt 2026-01-01T00:00:00+15:00', badDate('2026-01-01T00:00:00+15:00')],
    ['enrolledDateTime in (2099-13-01T00:00:00Z)', badDate('2099-13-01T00:00:00Z')],
    ["enrolledDateTime lt 'garbage'", incompatible('Edm.DateTimeOffset', 'Edm.String', 'LessThan')],
    [
      "enrolledDateTime lt '2099-12-01T00:00:00Z'",
      incompatible('Edm.DateTimeOffset', 'Edm.String', 'LessThan'),
    ],
    ["isSupervised eq 'yes'", incompatible('Edm.Boolean', 'Edm.String', 'Equal')],
    ['isSupervised ne 1', incompatible('Edm.Boolean', 'Edm.Int32', 'NotEqual')],
    ["managementAgent eq 'nonsense'", notAMember('nonsense')],
    [
      "managementAgent gt 'mdm'",
      incompatible('microsoft.graph.managementAgentType', 'Edm.String', 'GreaterThan'),
    ],
    ['managementAgent eq 1', incompatible('microsoft.graph.managementAgentType', 'Edm.Int32', 'Equal')],
    ["totalStorageSpaceInBytes gt 'abc'", incompatible('Edm.Int64', 'Edm.String', 'GreaterThan')],
    ['totalStorageSpaceInBytes le true', incompatible('Edm.Int64', 'Edm.Boolean', 'LessThanOrEqual')],
    ['deviceName eq 5', incompatible('Edm.String', 'Edm.Int32', 'Equal')],
    ['deviceName eq 3000000000', incompatible('Edm.String', 'Edm.Int64', 'Equal')],
    ['deviceName eq 1.5', incompatible('Edm.String', 'Edm.Single', 'Equal')],
    ['deviceName ge true', incompatible('Edm.String', 'Edm.Boolean', 'GreaterThanOrEqual')],
    ["deviceName in ('Alpha iPhone', 5)", incompatible('Edm.String', 'Edm.Int32', 'Equal')],
    ["managementAgent in ('mdm', 'nonsense')", notAMember('nonsense')],
    ["isSupervised in (true, 'yes')", incompatible('Edm.Boolean', 'Edm.String', 'Equal')],
    ["startswith(managementAgent,'m')", noStartsWith],
    ['startswith(deviceName,5)', noStartsWith],
    // Whatever the data: the first clause keeps no device, the second is still refused.
    ["deviceName eq 'nobody' and isSupervised eq 'yes'", incompatible('Edm.Boolean', 'Edm.String', 'Equal')],
    // The syntax (an impossible date is the lexer's) before the binding, and the binding left to right.
    ["isSupervised eq 'yes' and enrolledDateTime lt 2099-13-01T00:00:00Z", badDate('2099-13-01T00:00:00Z')],
    [
      "nope eq 1 or isSupervised eq 'yes'",
      "Could not find a property named 'nope' on type 'microsoft.graph.managedDevice'.",
    ],
    ["isSupervised eq 'yes' or nope eq 1", incompatible('Edm.Boolean', 'Edm.String', 'Equal')],
  ])('refuses %s with 400', async (filter, message) => {
    const response = await get(`${devices}?$filter=${encodeURIComponent(filter)}`).expect(400);
    expect(response.body.error.code).toBe('BadRequest');
    expect(response.body.error.message).toBe(message);
  });

  it('refuses on /$count, on beta and on remoteActionAudits too, and takes any of Graph’s remote actions', async () => {
    const filter = (text: string) => `$filter=${encodeURIComponent(text)}`;
    const count = await get(`${devices}/$count?${filter("isSupervised eq 'yes'")}`).expect(400);
    expect(count.body.error.message).toBe(incompatible('Edm.Boolean', 'Edm.String', 'Equal'));
    const beta = '/beta/deviceManagement/managedDevices';
    const sku = await get(`${beta}?${filter("skuNumber eq 'x'")}`).expect(400);
    expect(sku.body.error.message).toBe(incompatible('Edm.Int32', 'Edm.String', 'Equal'));
    await get(`${beta}?${filter('skuNumber ne 3000000000')}`).expect(200);
    const audits = '/beta/deviceManagement/remoteActionAudits';
    await get(`${audits}?${filter("action eq 'factoryReset'")}`).expect(200);
    const wipe = await get(`${audits}?${filter("action eq 'wipe'")}`).expect(400);
    expect(wipe.body.error.message).toBe(notAMember('wipe'));
    const date = await get(`${audits}?${filter('requestDateTime gt 2026-04-31T00:00:00Z')}`).expect(400);
    expect(date.body.error.message).toBe(badDate('2026-04-31T00:00:00Z'));
  });
});

describe('Edm types of the filterable properties', () => {
  interface Metadata {
    managedDevice: Record<'v1.0' | 'beta', Record<string, { type: string }>>;
    remoteActionAudit: { beta: Record<string, { type: string }> };
    enums: Record<'v1.0' | 'beta', Record<string, string[]>>;
  }
  const metadata = JSON.parse(
    readFileSync(new URL('./fixtures/graph-metadata.json', import.meta.url), 'utf8'),
  ) as Metadata;

  it.each([
    ['managedDevice v1.0', ManagedDeviceV1, metadata.managedDevice['v1.0'], metadata.enums['v1.0']],
    ['managedDevice beta', ManagedDeviceBeta, metadata.managedDevice.beta, metadata.enums.beta],
    ['remoteActionAudit beta', RemoteActionAudit, metadata.remoteActionAudit.beta, metadata.enums.beta],
  ] as const)('are Graph’s metadata’s for %s, enum members included', (label, schema, properties, enums) => {
    const type = entityTypeOf(`microsoft.graph.${label.split(' ')[0]}`, schema);
    let checked = 0;
    for (const [property, { type: edmType }] of Object.entries(properties)) {
      const members = edmType.startsWith('graph.') ? enums[edmType.slice('graph.'.length)] : undefined;
      if (!edmType.startsWith('Edm.') && !members) continue;
      expect(type.edmTypeOf(property), property).toBe(edmType.replace(/^graph\./, 'microsoft.graph.'));
      if (members)
        expect([...(type.membersOf(property) ?? [])].sort(), property).toEqual([...members].sort());
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});
