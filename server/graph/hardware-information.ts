// Beta managedDevice.hardwareInformation: the complex type with Microsoft's types, enums and nullability, and the two
// shapes Intune answers with it (the device's own values, or the type's defaults).
//
// Type: microsoftgraph/msgraph-metadata schemas/beta-Prod.csdl at 0564689b, ComplexType "hardwareInformation" (40
// properties, in this order; the same names as schemas/type-mappings/beta-complex-types.json at f54f11b6), enums from
// the same file's EnumTypes. v1.0's managedDevice has no such property (schemas/v1.0-Prod.csdl at f54f11b6).
//
// When Intune fills it: the beta reference (api-reference/beta/resources/intune-devices-manageddevice.md, property
// hardwareInformation) says "By default most property of this type are set to null/0/false and enum defaults for
// associated types. To retrieve actual values GET call needs to be made, with device id and included in select
// parameter." Users report the same: the values come only from GET …/managedDevices/{id}?$select=…,hardwareInformation;
// a list, a list with that $select and a GET of the device without it give the defaults
// (microsoft-graph-docs-contrib#8667; MicrosoftDocs/microsoftgraph-docs-powershell#435). It is an object there, not
// null: #8667 reads tpmSpecificationVersion "as null" inside it.
import { z } from 'zod';

const DeviceGuardLocalSystemAuthorityCredentialGuardState = z.enum([
  'running',
  'rebootRequired',
  'notLicensed',
  'notConfigured',
  'virtualizationBasedSecurityNotRunning',
]);
const DeviceGuardVirtualizationBasedSecurityHardwareRequirementState = z.enum([
  'meetHardwareRequirements',
  'secureBootRequired',
  'dmaProtectionRequired',
  'hyperVNotSupportedForGuestVM',
  'hyperVNotAvailable',
]);
const DeviceGuardVirtualizationBasedSecurityState = z.enum([
  'running',
  'rebootRequired',
  'require64BitArchitecture',
  'notLicensed',
  'notConfigured',
  'doesNotMeetHardwareRequirements',
  'other',
]);
const DeviceLicensingStatus = z.enum([
  'unknown',
  'licenseRefreshStarted',
  'licenseRefreshPending',
  'deviceIsNotAzureActiveDirectoryJoined',
  'verifyingMicrosoftDeviceIdentity',
  'deviceIdentityVerificationFailed',
  'verifyingMicrosoftAccountIdentity',
  'microsoftAccountVerificationFailed',
  'acquiringDeviceLicense',
  'refreshingDeviceLicense',
  'deviceLicenseRefreshSucceed',
  'deviceLicenseRefreshFailed',
  'removingDeviceLicense',
  'deviceLicenseRemoveSucceed',
  'deviceLicenseRemoveFailed',
  'unknownFutureValue',
]);

/** microsoft.graph.sharedAppleDeviceUser (same CSDL): the users of a Shared iPad. */
const SharedAppleDeviceUser = z.strictObject({
  dataQuota: z.number().int().nullable(),
  dataToSync: z.boolean(),
  dataUsed: z.number().int(),
  userPrincipalName: z.string().nullable(),
});

/** microsoft.graph.hardwareInformation on beta; a property without Nullable="false" in the CSDL is nullable here. */
export const HardwareInformation = z.strictObject({
  batteryChargeCycles: z.number().int(),
  batteryHealthPercentage: z.number().int(),
  batteryLevelPercentage: z.number().nullable(),
  batterySerialNumber: z.string().nullable(),
  cellularTechnology: z.string().nullable(),
  deviceFullQualifiedDomainName: z.string().nullable(),
  deviceGuardLocalSystemAuthorityCredentialGuardState: DeviceGuardLocalSystemAuthorityCredentialGuardState,
  deviceGuardVirtualizationBasedSecurityHardwareRequirementState:
    DeviceGuardVirtualizationBasedSecurityHardwareRequirementState,
  deviceGuardVirtualizationBasedSecurityState: DeviceGuardVirtualizationBasedSecurityState,
  deviceLicensingLastErrorCode: z.number().int(),
  deviceLicensingLastErrorDescription: z.string().nullable(),
  deviceLicensingStatus: DeviceLicensingStatus,
  esimIdentifier: z.string().nullable(),
  freeStorageSpace: z.number().int(),
  imei: z.string().nullable(),
  ipAddressV4: z.string().nullable(),
  isEncrypted: z.boolean(),
  isSharedDevice: z.boolean(),
  isSupervised: z.boolean(),
  manufacturer: z.string().nullable(),
  meid: z.string().nullable(),
  model: z.string().nullable(),
  operatingSystemEdition: z.string().nullable(),
  operatingSystemLanguage: z.string().nullable(),
  operatingSystemProductType: z.number().int(),
  osBuildNumber: z.string().nullable(),
  phoneNumber: z.string().nullable(),
  productName: z.string().nullable(),
  residentUsersCount: z.number().int().nullable(),
  serialNumber: z.string().nullable(),
  sharedDeviceCachedUsers: z.array(SharedAppleDeviceUser).nullable(),
  subnetAddress: z.string().nullable(),
  subscriberCarrier: z.string().nullable(),
  systemManagementBIOSVersion: z.string().nullable(),
  totalStorageSpace: z.number().int(),
  tpmManufacturer: z.string().nullable(),
  tpmSpecificationVersion: z.string().nullable(),
  tpmVersion: z.string().nullable(),
  wifiMac: z.string().nullable(),
  wiredIPv4Addresses: z.array(z.string()).nullable(),
});
export type HardwareInformation = z.infer<typeof HardwareInformation>;

/**
 * The type's defaults, as Intune lists them ("null/0/false and enum defaults", above): strings and nullable numbers
 * null, Int32/Int64 0, booleans false, each Device Guard enum its member of value 0 (the CSDL's "running",
 * "meetHardwareRequirements", "running"). deviceLicensingStatus is "unknown" (value -1), which the reference gives
 * for a device the licensing does not apply to ("In case it is not supported, the value will be set to unknown
 * (-1)"). The two collections are empty, as mdmsim's other empty collections (no capture shows them). One frozen
 * value serves every device of a list (nothing mutates a resource; a page of 1,000 builds no 1,000 copies).
 */
export const HARDWARE_INFORMATION_DEFAULTS: HardwareInformation = Object.freeze({
  batteryChargeCycles: 0,
  batteryHealthPercentage: 0,
  batteryLevelPercentage: null,
  batterySerialNumber: null,
  cellularTechnology: null,
  deviceFullQualifiedDomainName: null,
  deviceGuardLocalSystemAuthorityCredentialGuardState: 'running',
  deviceGuardVirtualizationBasedSecurityHardwareRequirementState: 'meetHardwareRequirements',
  deviceGuardVirtualizationBasedSecurityState: 'running',
  deviceLicensingLastErrorCode: 0,
  deviceLicensingLastErrorDescription: null,
  deviceLicensingStatus: 'unknown',
  esimIdentifier: null,
  freeStorageSpace: 0,
  imei: null,
  ipAddressV4: null,
  isEncrypted: false,
  isSharedDevice: false,
  isSupervised: false,
  manufacturer: null,
  meid: null,
  model: null,
  operatingSystemEdition: null,
  operatingSystemLanguage: null,
  operatingSystemProductType: 0,
  osBuildNumber: null,
  phoneNumber: null,
  productName: null,
  residentUsersCount: null,
  serialNumber: null,
  sharedDeviceCachedUsers: Object.freeze([]) as unknown as HardwareInformation['sharedDeviceCachedUsers'],
  subnetAddress: null,
  subscriberCarrier: null,
  systemManagementBIOSVersion: null,
  totalStorageSpace: 0,
  tpmManufacturer: null,
  tpmSpecificationVersion: null,
  tpmVersion: null,
  wifiMac: null,
  wiredIPv4Addresses: Object.freeze([]) as unknown as HardwareInformation['wiredIPv4Addresses'],
});

/** What mdmsim knows of a device's hardware: the values its managedDevice shows at the top level. */
export interface HardwareFacts {
  serialNumber: string;
  imei: string;
  meid: string;
  manufacturer: string;
  model: string;
  phoneNumber: string;
  subscriberCarrier: string;
  totalStorageSpace: number;
  freeStorageSpace: number;
  wifiMac: string;
  isSupervised: boolean;
  isEncrypted: boolean;
  /** Windows: Intune reports an empty domain name for a device that is not domain-joined (below). */
  windows: boolean;
}

/**
 * The device's own hardwareInformation, for a GET of the device that selects it: the values mdmsim has (the same as
 * managedDevice's serialNumber, imei, meid, manufacturer, model, phoneNumber, subscriberCarrier, storage,
 * wiFiMacAddress, isSupervised, isEncrypted), the defaults for what it does not model (battery, TPM, network
 * addresses, OS language, edition and build, Device Guard, licensing, Shared iPad users).
 * deviceFullQualifiedDomainName: "If the device is not domain-joined, it returns an empty string" (the type's
 * reference page); mdmsim's Windows PCs are Entra-joined, not domain-joined.
 */
export function hardwareInformationOf(facts: HardwareFacts): HardwareInformation {
  return {
    ...HARDWARE_INFORMATION_DEFAULTS,
    deviceFullQualifiedDomainName: facts.windows ? '' : null,
    freeStorageSpace: facts.freeStorageSpace,
    imei: facts.imei,
    isEncrypted: facts.isEncrypted,
    isSupervised: facts.isSupervised,
    manufacturer: facts.manufacturer,
    meid: facts.meid,
    model: facts.model,
    phoneNumber: facts.phoneNumber,
    serialNumber: facts.serialNumber,
    subscriberCarrier: facts.subscriberCarrier,
    totalStorageSpace: facts.totalStorageSpace,
    wifiMac: facts.wifiMac,
    sharedDeviceCachedUsers: [],
    wiredIPv4Addresses: [],
  };
}
