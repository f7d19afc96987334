// Every managedDevice and remoteActionAudit mdmsim answers validates against Microsoft's published metadata (the
// extract in fixtures/graph-metadata.json, from microsoftgraph/msgraph-metadata) and carries every non-nullable property.
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { ManagedDeviceBeta, ManagedDeviceV1 } from '../../shared/graph/managed-device.js';
import { RemoteActionAudit } from '../../shared/graph/remote-action-audit.js';

interface PropertyMetadata {
  type: string;
  nullable: boolean;
}
interface Metadata {
  managedDevice: Record<'v1.0' | 'beta', Record<string, PropertyMetadata>>;
  remoteActionAudit: { beta: Record<string, PropertyMetadata> };
  resetPasscodeActionResult: Record<string, PropertyMetadata>;
  deviceActionResult: Record<string, PropertyMetadata>;
  enums: Record<'v1.0' | 'beta', Record<string, string[]>>;
}
const metadata = JSON.parse(
  readFileSync(new URL('./fixtures/graph-metadata.json', import.meta.url), 'utf8'),
) as Metadata;

/** Problems of one value against its CSDL property, as readable strings. */
function check(
  value: Record<string, unknown>,
  properties: Record<string, PropertyMetadata>,
  enums: Record<string, string[]>,
): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (key.startsWith('@odata.')) continue;
    if (!(key in properties)) problems.push(`${key} is not in the metadata`);
  }
  for (const [name, property] of Object.entries(properties)) {
    if (!(name in value)) {
      if (!property.nullable) problems.push(`${name} (non-nullable) is missing`);
      continue;
    }
    const actual = value[name];
    if (actual === null) {
      if (!property.nullable) problems.push(`${name} is null but non-nullable`);
      continue;
    }
    const collection = property.type.startsWith('Collection(');
    const type = collection ? property.type.slice(11, -1) : property.type;
    const items = collection ? (Array.isArray(actual) ? actual : [Symbol('not an array')]) : [actual];
    for (const item of items) {
      const ok =
        type === 'Edm.String'
          ? typeof item === 'string'
          : type === 'Edm.Boolean'
            ? typeof item === 'boolean'
            : type === 'Edm.Int32' || type === 'Edm.Int64'
              ? Number.isInteger(item)
              : type === 'Edm.DateTimeOffset'
                ? typeof item === 'string' && !Number.isNaN(Date.parse(item))
                : type.startsWith('graph.') && enums[type.slice(6)]
                  ? enums[type.slice(6)]?.includes(item as string)
                  : typeof item === 'object';
      if (!ok) problems.push(`${name}: ${JSON.stringify(item)} is not a ${property.type}`);
    }
  }
  return problems;
}

/** ISO/IEC 7812 Luhn check over a whole number (check digit included), written apart from the generator's. */
function luhnValid(number: string): boolean {
  const sum = [...number]
    .reverse()
    .map(Number)
    .reduce(
      (total, digit, index) =>
        total + (index % 2 === 1 ? ([0, 2, 4, 6, 8, 1, 3, 5, 7, 9][digit] ?? 0) : digit),
      0,
    );
  return sum % 10 === 0;
}

let sim: Simulation;
beforeAll(async () => {
  sim = await startSimulation({
    fleet: {
      devices: [
        { name: 'Supervised iPhone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1234' },
        {
          name: 'BYOD iPhone',
          enrollment: 'iosUserEnrollment',
          osVersion: '17.4',
          passcode: '1234',
          ownerType: 'personal',
        },
        {
          name: 'Personal iPad',
          enrollment: 'iosDeviceEnrollment',
          osVersion: '16.1',
          model: 'iPad Air',
          passcode: '1',
          ownerType: 'personal',
        },
        {
          // Ownership unsaid: a work profile is the user's own device by default.
          name: 'BYOD work profile',
          enrollment: 'androidWorkProfile',
          osVersion: '13',
          passcode: '123456',
          policy: { passcodeRequired: true, minLength: 6 },
          resetTokenActivated: true,
        },
        {
          name: 'COPE work profile',
          enrollment: 'androidWorkProfile',
          osVersion: '12',
          ownerType: 'company',
          passcode: '123456',
          resetTokenActivated: true,
        },
        { name: 'Fully managed', enrollment: 'androidFullyManaged', osVersion: '14', passcode: '123456' },
        {
          name: 'Device admin',
          enrollment: 'androidDeviceAdministrator',
          osVersion: '6.0',
          passcode: '1234',
        },
        { name: 'Mac', enrollment: 'macOS', osVersion: '14.4', passcode: 'password' },
        { name: 'Windows', enrollment: 'windows', osVersion: '10.0.22631', passcode: 'password' },
      ],
    },
  });
  await request(sim.url)
    .post(`/beta/deviceManagement/managedDevices/${sim.deviceId('BYOD work profile')}/resetPasscode`)
    .set('Authorization', `Bearer ${sim.adminToken}`)
    .expect(204);
  await sim.waitForAction(sim.deviceId('BYOD work profile'), (action) => action.state === 'done');
});
afterAll(() => sim.close());

const get = (path: string) =>
  request(sim.url).get(path).set('Authorization', `Bearer ${sim.adminToken}`).expect(200);

describe('managedDevice against the official metadata', () => {
  it('defines exactly the published properties: 56 on v1.0, 84 on beta', () => {
    expect(Object.keys(ManagedDeviceV1.shape).sort()).toEqual(
      Object.keys(metadata.managedDevice['v1.0']).sort(),
    );
    expect(Object.keys(ManagedDeviceBeta.shape).sort()).toEqual(
      Object.keys(metadata.managedDevice.beta).sort(),
    );
    expect(Object.keys(ManagedDeviceV1.shape)).toHaveLength(56);
    expect(Object.keys(ManagedDeviceBeta.shape)).toHaveLength(84);
    expect(Object.keys(RemoteActionAudit.shape).sort()).toEqual(
      Object.keys(metadata.remoteActionAudit.beta).sort(),
    );
  });

  for (const version of ['v1.0', 'beta'] as const) {
    it(`validates every device on ${version}, in the list and one by one, with every non-nullable property`, async () => {
      const schema = version === 'beta' ? ManagedDeviceBeta : ManagedDeviceV1;
      const list = await get(`/${version}/deviceManagement/managedDevices`);
      expect(list.body.value).toHaveLength(9);
      for (const device of list.body.value) {
        expect(check(device, metadata.managedDevice[version], metadata.enums[version])).toEqual([]);
        expect(schema.safeParse(device).error).toBeUndefined();
        const one = await get(`/${version}/deviceManagement/managedDevices/${device.id}`);
        const { '@odata.context': _context, ...entity } = one.body;
        expect(check(entity, metadata.managedDevice[version], metadata.enums[version])).toEqual([]);
        expect(schema.safeParse(entity).error).toBeUndefined();
        const resetPasscodeResult = { ...metadata.deviceActionResult, ...metadata.resetPasscodeActionResult };
        for (const result of entity.deviceActionResults) {
          expect(check(result, resetPasscodeResult, metadata.enums[version])).toEqual([]);
        }
      }
    });
  }

  it('validates remoteActionAudits on beta', async () => {
    const audits = await get('/beta/deviceManagement/remoteActionAudits');
    expect(audits.body.value.length).toBeGreaterThan(0);
    for (const audit of audits.body.value) {
      expect(check(audit, metadata.remoteActionAudit.beta, metadata.enums.beta)).toEqual([]);
      expect(RemoteActionAudit.safeParse(audit).error).toBeUndefined();
    }
  });

  it('gives consistent, plausible values per platform', async () => {
    const beta = await get('/beta/deviceManagement/managedDevices');
    const byName = Object.fromEntries(beta.body.value.map((d: { deviceName: string }) => [d.deviceName, d]));
    for (const device of beta.body.value) {
      expect(device.azureADDeviceId).not.toBe(device.id);
      expect(device.azureADDeviceId).toBe(device.azureActiveDirectoryDeviceId);
      expect(device.totalStorageSpaceInBytes).toBeGreaterThan(device.freeStorageSpaceInBytes);
      expect(device.ownerType).toBe(device.managedDeviceOwnerType);
    }
    expect(byName['Supervised iPhone']).toMatchObject({
      isSupervised: true,
      deviceEnrollmentType: 'appleBulkWithUser',
      managedDeviceOwnerType: 'company',
    });
    expect(byName['BYOD iPhone']).toMatchObject({
      isSupervised: false,
      deviceEnrollmentType: 'appleUserEnrollment',
    });
    expect(byName['Personal iPad']).toMatchObject({
      deviceEnrollmentType: 'userEnrollment',
      deviceType: 'iPad',
      chassisType: 'tablet',
    });
    expect(byName['BYOD work profile']).toMatchObject({
      managedDeviceOwnerType: 'personal',
      deviceEnrollmentType: 'userEnrollment',
    });
    expect(byName['COPE work profile']).toMatchObject({
      managedDeviceOwnerType: 'company',
      deviceEnrollmentType: 'androidEnterpriseCorporateWorkProfile',
    });
    expect(byName['Fully managed']).toMatchObject({ deviceEnrollmentType: 'androidEnterpriseFullyManaged' });
    // IMEIs: 15 digits, 8-digit TAC per model + 6-digit serial + Luhn check digit (3GPP TS 23.003 6.2.1, Annex B).
    const android = beta.body.value.filter(
      (d: { operatingSystem: string }) => d.operatingSystem === 'Android',
    );
    expect(android).toHaveLength(4);
    // A device-enrolled iPhone reports its IMEI; User Enrollment hides it; iPads, Macs and PCs have none.
    expect(byName['BYOD iPhone'].imei).toBe('');
    expect(byName['Personal iPad'].imei).toBe('');
    expect(byName.Mac.imei).toBe('');
    for (const device of [...android, byName['Supervised iPhone']]) {
      expect(device.imei).toMatch(/^\d{15}$/);
      expect(luhnValid(device.imei), `${device.deviceName} ${device.imei}`).toBe(true);
    }
    const pixels = android.filter((d: { model: string }) => d.model === 'Pixel 8');
    expect(new Set(pixels.map((d: { imei: string }) => d.imei.slice(0, 8))).size).toBe(1);
    expect(new Set(pixels.map((d: { imei: string }) => d.imei)).size).toBe(pixels.length);
    expect(byName['Device admin'].imei.slice(0, 8)).not.toBe(pixels[0].imei.slice(0, 8));
    const audits = await get('/beta/deviceManagement/remoteActionAudits');
    expect(audits.body.value[0].deviceIMEI).toBe(byName['BYOD work profile'].imei);
    // Intune lists deviceActionResults empty and fills them on GET of the one device.
    expect(byName['BYOD work profile'].deviceActionResults).toEqual([]);
    const one = await get(
      `/beta/deviceManagement/managedDevices/${sim.deviceId('BYOD work profile')}?$select=deviceActionResults`,
    );
    expect(one.body.deviceActionResults[0]).toMatchObject({
      actionName: 'resetPasscode',
      actionState: 'done',
    });
  });
});
