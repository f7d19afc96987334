// Beta hardwareInformation as Intune answers it: the device's values on a GET of one device that selects it, the
// complex type's defaults (an object, not null) in lists and without that $select; v1.0 has no such property.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { HARDWARE_INFORMATION_DEFAULTS } from '../../server/graph/hardware-information.js';
import { HardwareInformation } from '../../shared/graph/hardware-information.js';

let sim: Simulation;
beforeAll(async () => {
  sim = await startSimulation({
    fleet: {
      devices: [
        { name: 'Supervised iPhone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1234' },
        {
          name: 'Work profile',
          enrollment: 'androidWorkProfile',
          osVersion: '13',
          passcode: '123456',
          resetTokenActivated: true,
        },
        { name: 'Windows', enrollment: 'windows', osVersion: '10.0.22631', passcode: 'password' },
      ],
    },
  });
});
afterAll(() => sim.close());

const get = (path: string) => request(sim.url).get(path).set('Authorization', `Bearer ${sim.adminToken}`);
const beta = '/beta/deviceManagement/managedDevices';

/** The 40 properties of beta-Prod.csdl's ComplexType hardwareInformation (msgraph-metadata 0564689b), in its order. */
const CSDL_ORDER = [
  'batteryChargeCycles',
  'batteryHealthPercentage',
  'batteryLevelPercentage',
  'batterySerialNumber',
  'cellularTechnology',
  'deviceFullQualifiedDomainName',
  'deviceGuardLocalSystemAuthorityCredentialGuardState',
  'deviceGuardVirtualizationBasedSecurityHardwareRequirementState',
  'deviceGuardVirtualizationBasedSecurityState',
  'deviceLicensingLastErrorCode',
  'deviceLicensingLastErrorDescription',
  'deviceLicensingStatus',
  'esimIdentifier',
  'freeStorageSpace',
  'imei',
  'ipAddressV4',
  'isEncrypted',
  'isSharedDevice',
  'isSupervised',
  'manufacturer',
  'meid',
  'model',
  'operatingSystemEdition',
  'operatingSystemLanguage',
  'operatingSystemProductType',
  'osBuildNumber',
  'phoneNumber',
  'productName',
  'residentUsersCount',
  'serialNumber',
  'sharedDeviceCachedUsers',
  'subnetAddress',
  'subscriberCarrier',
  'systemManagementBIOSVersion',
  'totalStorageSpace',
  'tpmManufacturer',
  'tpmSpecificationVersion',
  'tpmVersion',
  'wifiMac',
  'wiredIPv4Addresses',
];

describe('beta hardwareInformation', () => {
  it('is the device inventory on a GET of one device that selects it', async () => {
    const id = sim.deviceId('Supervised iPhone');
    const device = (await get(`${beta}/${id}`).expect(200)).body;
    const response = await get(`${beta}/${id}?$select=id,hardwareInformation`).expect(200);
    const hardware = HardwareInformation.parse(response.body.hardwareInformation);
    expect(Object.keys(response.body.hardwareInformation)).toEqual(CSDL_ORDER);
    expect(hardware).toMatchObject({
      serialNumber: device.serialNumber,
      imei: device.imei,
      meid: device.meid,
      manufacturer: device.manufacturer,
      model: device.model,
      phoneNumber: device.phoneNumber,
      subscriberCarrier: device.subscriberCarrier,
      totalStorageSpace: device.totalStorageSpaceInBytes,
      freeStorageSpace: device.freeStorageSpaceInBytes,
      wifiMac: device.wiFiMacAddress,
      isSupervised: true,
      isEncrypted: true,
      // What mdmsim does not model keeps the type's defaults.
      batteryLevelPercentage: null,
      tpmVersion: null,
      deviceLicensingStatus: 'unknown',
      wiredIPv4Addresses: [],
    });
    expect(hardware.imei).toMatch(/^\d{15}$/);
    expect(hardware.totalStorageSpace).toBeGreaterThan(0);
  });

  it('reports a Windows PC that is not domain-joined with an empty domain name', async () => {
    const id = sim.deviceId('Windows');
    const response = await get(`${beta}/${id}?$select=hardwareInformation`).expect(200);
    const hardware = HardwareInformation.parse(response.body.hardwareInformation);
    expect(hardware.deviceFullQualifiedDomainName).toBe('');
    expect(hardware.isSupervised).toBe(false);
  });

  it('is the object of defaults in a list, selected or not, and on a GET without the $select', async () => {
    const id = sim.deviceId('Work profile');
    const list = (await get(beta).expect(200)).body.value as Array<Record<string, unknown>>;
    const selectedList = (await get(`${beta}?$select=id,hardwareInformation`).expect(200)).body
      .value as Array<Record<string, unknown>>;
    const unselected = (await get(`${beta}/${id}`).expect(200)).body;
    const otherSelection = (await get(`${beta}/${id}?$select=id,serialNumber`).expect(200)).body;
    expect(list).toHaveLength(3);
    for (const device of [...list, ...selectedList, unselected]) {
      expect(device.hardwareInformation).toEqual(HARDWARE_INFORMATION_DEFAULTS);
      expect(Object.keys(device.hardwareInformation as object)).toEqual(CSDL_ORDER);
    }
    expect(otherSelection).not.toHaveProperty('hardwareInformation');
  });

  it('does not exist on v1.0, whose managedDevice has no such property', async () => {
    const id = sim.deviceId('Supervised iPhone');
    const response = await get(
      `/v1.0/deviceManagement/managedDevices/${id}?$select=hardwareInformation`,
    ).expect(400);
    expect(response.body.error.message).toBe(
      "Could not find a property named 'hardwareInformation' on type 'microsoft.graph.managedDevice'.",
    );
    const device = (await get(`/v1.0/deviceManagement/managedDevices/${id}`).expect(200)).body;
    expect(device).not.toHaveProperty('hardwareInformation');
  });

  it('leaves the ConfigMgr client properties null for devices without the ConfigMgr agent', async () => {
    const id = sim.deviceId('Windows');
    const response = await get(
      `${beta}/${id}?$select=configurationManagerClientHealthState,configurationManagerClientInformation`,
    ).expect(200);
    expect(response.body.configurationManagerClientHealthState).toBeNull();
    expect(response.body.configurationManagerClientInformation).toBeNull();
  });
});
