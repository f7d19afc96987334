// How our records look as Graph resources: managedDevice (v1.0, beta), resetPasscodeActionResult and remoteActionAudit,
// typed by the schemas in shared/graph, which follow Microsoft's published metadata.
import { sha256 } from '../../lib/sha256.js';
import type { EnrollmentKind } from '../../shared/enrollment.js';
import { operatingSystemOf } from '../../shared/enrollment.js';
import type { ResetPasscodeActionResult } from '../../shared/graph/device-action-result.js';
import type { ManagedDeviceBeta, ManagedDeviceV1 } from '../../shared/graph/managed-device.js';
import type { RemoteActionAudit } from '../../shared/graph/remote-action-audit.js';
import type { ActionRecord, DeviceRecord } from '../store/store.js';
import { HARDWARE_INFORMATION_DEFAULTS, hardwareInformationOf } from './hardware-information.js';

export type GraphVersion = 'v1.0' | 'beta';

const iso = (ms: number) => new Date(ms).toISOString();
/** What Intune sends for a date it has never set. */
const NEVER = '0001-01-01T00:00:00Z';
/** complianceGracePeriodExpirationDateTime of a device that is not in a grace period. */
const NO_GRACE_PERIOD = '9999-12-31T23:59:59Z';
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const GIB = 1024 ** 3;

const digestOf = (label: string, value: string) => sha256(`${label}:${value}`);

/** A stable GUID derived from a label and a value. */
function guidOf(label: string, value: string): string {
  const hex = digestOf(label, value).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A stable, locally administered unicast MAC address, as Intune shows it (12 hex digits, no separators). */
function macOf(id: string): string {
  const bytes = digestOf('mac', id).subarray(0, 6);
  bytes[0] = ((bytes[0] ?? 0) | 0x02) & 0xfe;
  return bytes.toString('hex').toUpperCase();
}

/** The user's Entra object id, stable per user principal name. */
export const userIdOf = (userPrincipalName: string) => guidOf('user', userPrincipalName.toLowerCase());

const managementAgentOf: Record<EnrollmentKind, ManagedDeviceV1['managementAgent']> = {
  iosDeviceEnrollment: 'mdm',
  iosUserEnrollment: 'mdm',
  androidWorkProfile: 'googleCloudDevicePolicyController',
  androidFullyManaged: 'googleCloudDevicePolicyController',
  androidDeviceAdministrator: 'mdm',
  macOS: 'mdm',
  windows: 'mdm',
};

/**
 * deviceEnrollmentType as Intune reports it: supervised company iPhones come from Apple automated device enrollment
 * (appleBulkWithUser), Android Enterprise has its own members on beta. v1.0's enum has no Android Enterprise
 * members, so there Graph's evolvable-enum sentinel `unknownFutureValue` stands for them.
 */
function enrollmentTypeOf(
  device: DeviceRecord,
  version: GraphVersion,
): ManagedDeviceBeta['deviceEnrollmentType'] {
  const { enrollment, ownerType } = device.inventory;
  const androidEnterprise = (value: ManagedDeviceBeta['deviceEnrollmentType']) =>
    version === 'beta' ? value : 'unknownFutureValue';
  switch (enrollment) {
    case 'iosDeviceEnrollment':
      return ownerType === 'company' ? 'appleBulkWithUser' : 'userEnrollment';
    case 'iosUserEnrollment':
      return 'appleUserEnrollment';
    case 'androidWorkProfile':
      return ownerType === 'company'
        ? androidEnterprise('androidEnterpriseCorporateWorkProfile')
        : 'userEnrollment';
    case 'androidFullyManaged':
      return androidEnterprise('androidEnterpriseFullyManaged');
    case 'androidDeviceAdministrator':
    case 'macOS':
      return 'userEnrollment';
    case 'windows':
      return 'windowsAzureADJoin';
  }
}

function deviceTypeOf(device: DeviceRecord): ManagedDeviceBeta['deviceType'] {
  switch (device.inventory.enrollment) {
    case 'iosDeviceEnrollment':
    case 'iosUserEnrollment':
      return /ipad/i.test(device.inventory.model) ? 'iPad' : 'iPhone';
    case 'androidWorkProfile':
      return 'androidForWork';
    case 'androidFullyManaged':
      return 'androidEnterprise';
    case 'androidDeviceAdministrator':
      return 'android';
    case 'macOS':
      return 'macMDM';
    case 'windows':
      return 'desktop';
  }
}

/** Intune's generated managedDeviceName: user_platform_date_time of enrollment. */
function managedDeviceNameOf(device: DeviceRecord, deviceType: string): string {
  const user = device.inventory.userPrincipalName.split('@')[0] ?? 'user';
  const at = new Date(device.enrolledAt);
  const hours = at.getUTCHours();
  const time = `${hours % 12 || 12}:${String(at.getUTCMinutes()).padStart(2, '0')} ${hours < 12 ? 'AM' : 'PM'}`;
  return `${user}_${deviceType}_${at.getUTCMonth() + 1}/${at.getUTCDate()}/${at.getUTCFullYear()}_${time}`;
}

/** Storage figures that stay the same for a device: a common capacity and a plausible free share of it. */
function storageOf(id: string): { total: number; free: number } {
  const digest = digestOf('storage', id);
  const total = [64, 128, 256, 512][(digest[0] ?? 0) % 4] ?? 128;
  const freeShare = 0.15 + ((digest[1] ?? 0) / 255) * 0.6;
  return { total: total * GIB, free: Math.round(total * GIB * freeShare) };
}

export function resetPasscodeActionResult(
  action: ActionRecord,
  visiblePasscode: string | null,
): ResetPasscodeActionResult {
  return {
    '@odata.type': '#microsoft.graph.resetPasscodeActionResult',
    actionName: 'resetPasscode',
    actionState: action.state,
    startDateTime: iso(action.requestedAt),
    lastUpdatedDateTime: iso(action.updatedAt),
    passcode: visiblePasscode,
    errorCode: action.errorCode ?? 0,
  };
}

/** Whether the resource is an element of a list (Intune leaves some properties at their defaults there) or one GET. */
export type ResourceView = 'list' | 'entity';

/**
 * `selected`: the properties the GET of one device names in `$select` (as the query parser resolved them); Intune
 * fills some properties only when they are named there (beta hardwareInformation, see hardware-information.ts).
 */
export function managedDevice(
  device: DeviceRecord,
  version: 'v1.0',
  latestAction: ActionRecord | undefined,
  visiblePasscode: string | null,
  view?: ResourceView,
  selected?: readonly string[],
): ManagedDeviceV1;
export function managedDevice(
  device: DeviceRecord,
  version: GraphVersion,
  latestAction: ActionRecord | undefined,
  visiblePasscode: string | null,
  view?: ResourceView,
  selected?: readonly string[],
): ManagedDeviceV1 | ManagedDeviceBeta;
export function managedDevice(
  device: DeviceRecord,
  version: GraphVersion,
  latestAction: ActionRecord | undefined,
  visiblePasscode: string | null,
  view: ResourceView = 'entity',
  selected: readonly string[] = [],
): ManagedDeviceV1 | ManagedDeviceBeta {
  const { inventory } = device;
  const os = operatingSystemOf[inventory.enrollment];
  const mobile = os === 'iOS' || os === 'Android';
  const apple = os === 'iOS' || os === 'macOS';
  const deviceType = deviceTypeOf(device);
  const storage = storageOf(device.id);
  const entraDeviceId = guidOf('entra-device', device.id);
  const enrollmentType = enrollmentTypeOf(device, version);
  const supervised = inventory.enrollment === 'iosDeviceEnrollment' && inventory.ownerType === 'company';
  const single = view === 'entity';
  const resource: ManagedDeviceV1 = {
    id: device.id,
    userId: userIdOf(inventory.userPrincipalName),
    deviceName: inventory.deviceName,
    managedDeviceOwnerType: inventory.ownerType,
    // Intune lists deviceActionResults empty and fills them on GET of one device (see the README).
    deviceActionResults:
      single && latestAction ? [resetPasscodeActionResult(latestAction, visiblePasscode)] : [],
    enrolledDateTime: iso(device.enrolledAt),
    lastSyncDateTime: iso(device.lastSyncAt),
    operatingSystem: os,
    complianceState: device.state.compliant ? 'compliant' : 'noncompliant',
    jailBroken: mobile ? 'False' : 'Unknown',
    managementAgent: managementAgentOf[inventory.enrollment],
    osVersion: inventory.osVersion,
    easActivated: false,
    easDeviceId: '',
    easActivationDateTime: NEVER,
    azureADRegistered: true,
    deviceEnrollmentType: enrollmentType as ManagedDeviceV1['deviceEnrollmentType'],
    activationLockBypassCode: null,
    emailAddress: inventory.userPrincipalName,
    azureADDeviceId: entraDeviceId,
    deviceRegistrationState: 'registered',
    deviceCategoryDisplayName: 'Unknown Category',
    isSupervised: supervised,
    exchangeLastSuccessfulSyncDateTime: NEVER,
    exchangeAccessState: 'none',
    exchangeAccessStateReason: 'none',
    remoteAssistanceSessionUrl: null,
    remoteAssistanceSessionErrorDetails: null,
    isEncrypted: true,
    userPrincipalName: inventory.userPrincipalName,
    model: inventory.model,
    manufacturer: inventory.manufacturer,
    imei: inventory.imei ?? '',
    complianceGracePeriodExpirationDateTime: NO_GRACE_PERIOD,
    serialNumber: inventory.serialNumber,
    phoneNumber: '',
    androidSecurityPatchLevel: os === 'Android' ? '2026-11-01' : '',
    userDisplayName: inventory.userDisplayName,
    configurationManagerClientEnabledFeatures: null,
    wiFiMacAddress: macOf(device.id),
    deviceHealthAttestationState: null,
    subscriberCarrier: '',
    meid: '',
    totalStorageSpaceInBytes: storage.total,
    freeStorageSpaceInBytes: storage.free,
    managedDeviceName: managedDeviceNameOf(device, deviceType),
    partnerReportedThreatState: 'unknown',
    requireUserEnrollmentApproval: inventory.enrollment === 'iosUserEnrollment' ? false : null,
    managementCertificateExpirationDate: iso(device.enrolledAt + YEAR_MS),
    iccid: single && mobile ? `8901${digestOf('iccid', device.id).readUInt32BE(0)}`.padEnd(19, '0') : null,
    udid: single && apple ? guidOf('udid', device.id).replaceAll('-', '').toUpperCase().slice(0, 25) : null,
    notes: null,
    ethernetMacAddress: null,
    // Intune documents these as defaults (0 / null) in lists, with real values on GET of one device.
    physicalMemoryInBytes: single ? (mobile ? 6 : 16) * GIB : 0,
    enrollmentProfileName: supervised ? 'Corporate ADE' : null,
    managementState: 'managed',
  };
  if (version === 'v1.0') return resource;
  const hardwareSelected = single && selected.includes('hardwareInformation');
  const beta: ManagedDeviceBeta = {
    ...(resource as Omit<ManagedDeviceV1, 'deviceEnrollmentType'>),
    deviceEnrollmentType: enrollmentType,
    aadRegistered: true,
    autopilotEnrolled: false,
    azureActiveDirectoryDeviceId: entraDeviceId,
    bootstrapTokenEscrowed: false,
    chassisType: deviceType === 'iPad' ? 'tablet' : mobile ? 'phone' : os === 'macOS' ? 'laptop' : 'desktop',
    chromeOSDeviceInfo: [],
    cloudPcRemoteActionResults: [],
    // "valid only for devices managed by MDM/ConfigMgr Agent" and "valid only for devices managed, duel-managed or
    // tri-managed by ConfigMgr Agent" (beta intune-devices-manageddevice.md); no device here runs the ConfigMgr
    // client, and no capture shows Intune's value for one that does not, so they stay null.
    configurationManagerClientHealthState: null,
    configurationManagerClientInformation: null,
    deviceFirmwareConfigurationInterfaceManaged: false,
    deviceType,
    enrolledByUserPrincipalName: inventory.userPrincipalName,
    hardwareInformation: hardwareSelected
      ? hardwareInformationOf({
          serialNumber: resource.serialNumber ?? '',
          imei: resource.imei ?? '',
          meid: resource.meid ?? '',
          manufacturer: inventory.manufacturer,
          model: inventory.model,
          phoneNumber: resource.phoneNumber ?? '',
          subscriberCarrier: resource.subscriberCarrier ?? '',
          totalStorageSpace: storage.total,
          freeStorageSpace: storage.free,
          wifiMac: resource.wiFiMacAddress ?? '',
          isSupervised: supervised,
          isEncrypted: resource.isEncrypted,
          windows: os === 'Windows',
        })
      : HARDWARE_INFORMATION_DEFAULTS,
    joinType: mobile ? 'azureADRegistered' : 'azureADJoined',
    lostModeState: 'disabled',
    managementFeatures: 'none',
    ownerType: inventory.ownerType,
    preferMdmOverGroupPolicyAppliedDateTime: NEVER,
    processorArchitecture: os === 'Windows' ? 'x64' : 'arM64',
    retireAfterDateTime: NEVER,
    roleScopeTagIds: ['0'],
    securityPatchLevel: null,
    skuFamily: '',
    skuNumber: 0,
    specificationVersion: null,
    usersLoggedOn: [],
    windowsActiveMalwareCount: 0,
    windowsRemediatedMalwareCount: 0,
  };
  return beta;
}

export function remoteActionAudit(action: ActionRecord, device: DeviceRecord | undefined): RemoteActionAudit {
  return {
    id: action.id,
    deviceDisplayName: device?.inventory.deviceName ?? '',
    userName: device?.inventory.userPrincipalName ?? '',
    initiatedByUserPrincipalName: action.initiatedBy,
    action: action.action,
    requestDateTime: iso(action.requestedAt),
    deviceOwnerUserPrincipalName: device?.inventory.userPrincipalName ?? '',
    deviceIMEI: device?.inventory.imei ?? '',
    actionState: action.state,
    managedDeviceId: action.deviceId,
    deviceActionCategory: 'single',
    bulkDeviceActionId: '',
  };
}
