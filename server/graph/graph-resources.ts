// How our records look as Graph resources: managedDevice, resetPasscodeActionResult and remoteActionAudit.
import { createHash } from 'node:crypto';
import type { EnrollmentKind } from '../../shared/enrollment.js';
import { operatingSystemOf } from '../../shared/enrollment.js';
import type { ActionRecord, DeviceRecord } from '../store/store.js';

export type GraphVersion = 'v1.0' | 'beta';

const iso = (ms: number) => new Date(ms).toISOString();

/** A stable GUID for the device's user, as Entra ID would have. */
function userIdOf(upn: string): string {
  const hex = createHash('sha256').update(`user:${upn.toLowerCase()}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const managementAgentOf: Record<EnrollmentKind, string> = {
  iosDeviceEnrollment: 'mdm',
  iosUserEnrollment: 'mdm',
  androidWorkProfile: 'googleCloudDevicePolicyController',
  androidFullyManaged: 'googleCloudDevicePolicyController',
  androidDeviceAdministrator: 'mdm',
  macOS: 'mdm',
  windows: 'mdm',
};

const enrollmentTypeOf: Record<EnrollmentKind, string> = {
  iosDeviceEnrollment: 'userEnrollment',
  iosUserEnrollment: 'appleUserEnrollment',
  androidWorkProfile: 'userEnrollment',
  androidFullyManaged: 'userEnrollment',
  androidDeviceAdministrator: 'userEnrollment',
  macOS: 'userEnrollment',
  windows: 'windowsAzureADJoin',
};

function deviceTypeOf(device: DeviceRecord): string {
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

export function resetPasscodeActionResult(action: ActionRecord, visiblePasscode: string | null) {
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

export function managedDevice(
  device: DeviceRecord,
  version: GraphVersion,
  latestAction: ActionRecord | undefined,
  visiblePasscode: string | null,
) {
  const { inventory } = device;
  const os = operatingSystemOf[inventory.enrollment];
  const resource = {
    id: device.id,
    userId: userIdOf(inventory.userPrincipalName),
    deviceName: inventory.deviceName,
    managedDeviceOwnerType: inventory.ownerType,
    deviceActionResults: latestAction ? [resetPasscodeActionResult(latestAction, visiblePasscode)] : [],
    enrolledDateTime: iso(device.enrolledAt),
    lastSyncDateTime: iso(device.lastSyncAt),
    operatingSystem: os,
    complianceState: device.state.compliant ? 'compliant' : 'noncompliant',
    jailBroken: os === 'iOS' || os === 'Android' ? 'False' : 'Unknown',
    managementAgent: managementAgentOf[inventory.enrollment],
    osVersion: inventory.osVersion,
    easActivated: false,
    azureADRegistered: true,
    deviceEnrollmentType: enrollmentTypeOf[inventory.enrollment],
    emailAddress: inventory.userPrincipalName,
    azureADDeviceId: device.id,
    deviceRegistrationState: 'registered',
    isSupervised: inventory.enrollment === 'iosDeviceEnrollment' && inventory.ownerType === 'company',
    isEncrypted: true,
    userPrincipalName: inventory.userPrincipalName,
    model: inventory.model,
    manufacturer: inventory.manufacturer,
    imei: inventory.imei ?? '',
    serialNumber: inventory.serialNumber,
    userDisplayName: inventory.userDisplayName,
    managementState: 'managed',
    udid: os === 'iOS' || os === 'macOS' ? device.id.toUpperCase() : null,
  };
  return version === 'beta' ? { ...resource, deviceType: deviceTypeOf(device) } : resource;
}

export function remoteActionAudit(action: ActionRecord, device: DeviceRecord | undefined) {
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
