// Beta managedDevice.hardwareInformation as Graph's metadata types it: the complex type with Microsoft's types, enums
// and nullability (microsoftgraph/msgraph-metadata schemas/beta-Prod.csdl at 0564689b, ComplexType
// "hardwareInformation", 40 properties in this order; the same names as schemas/type-mappings/beta-complex-types.json
// at f54f11b6; enums from the same file's EnumTypes). v1.0's managedDevice has no such property.
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
