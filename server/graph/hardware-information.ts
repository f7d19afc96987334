// The two shapes Intune answers beta managedDevice.hardwareInformation with: the device's own values, or the type's
// defaults (the type itself: shared/graph/hardware-information.ts).
//
// When Intune fills it: the beta reference (api-reference/beta/resources/intune-devices-manageddevice.md, property
// hardwareInformation) says "By default most property of this type are set to null/0/false and enum defaults for
// associated types. To retrieve actual values GET call needs to be made, with device id and included in select
// parameter." Users report the same: the values come only from GET …/managedDevices/{id}?$select=…,hardwareInformation;
// a list, a list with that $select and a GET of the device without it give the defaults
// (microsoft-graph-docs-contrib#8667; MicrosoftDocs/microsoftgraph-docs-powershell#435). It is an object there, not
// null: #8667 reads tpmSpecificationVersion "as null" inside it.
import type { HardwareInformation } from '../../shared/graph/hardware-information.js';

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
