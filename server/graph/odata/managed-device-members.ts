// What Graph's metadata declares on microsoft.graph.managedDevice besides its properties: bound actions, bound
// functions and navigation properties, per version. mdmsim simulates resetPasscode only; the others exist in Graph, so
// they answer an honest 501 rather than the 400 of a segment Graph does not have (graph-api.ts).
//
// v1.0: every Action/Function with IsBound="true" whose binding parameter is graph.managedDevice, and every
// NavigationProperty of EntityType managedDevice, in microsoftgraph/msgraph-metadata schemas/v1.0-Prod.csdl at
// f54f11b60956ea7b185ca0447b2b80805836ec7b (2026-08-20); the same 24 names as the request builders of
// microsoftgraph/msgraph-sdk-python at 221856b7 (msgraph/generated/device_management/managed_devices/item/).
// beta: navigation properties from msgraph-metadata schemas/type-mappings/beta-entity-types.json at f54f11b6 (made
// from the beta CSDL); actions and functions from the request builders of microsoftgraph/msgraph-beta-sdk-python at
// 3cbc1777 (2026-07-23; generated from the beta CSDL: functions are the GET builders with `()` in their URL template),
// since schemas/beta-Prod.csdl at f54f11b6 could not be read whole in this session. Both give the same 11 navigation
// properties. Written by hand from those lists; refresh them from the CSDL when Graph's metadata changes.
import type { GraphVersion } from '../graph-resources.js';

export type ManagedDeviceOperationKind = 'action' | 'function' | 'navigation';

export interface ManagedDeviceMembers {
  readonly actions: readonly string[];
  readonly functions: readonly string[];
  readonly navigations: readonly string[];
}

export const MANAGED_DEVICE_MEMBERS: Record<GraphVersion, ManagedDeviceMembers> = {
  'v1.0': {
    actions: [
      'bypassActivationLock',
      'cleanWindowsDevice',
      'deleteUserFromSharedAppleDevice',
      'disableLostMode',
      'locateDevice',
      'logoutSharedAppleDeviceActiveUser',
      'rebootNow',
      'recoverPasscode',
      'remoteLock',
      'requestRemoteAssistance',
      'resetPasscode',
      'retire',
      'shutDown',
      'syncDevice',
      'updateWindowsDeviceAccount',
      'windowsDefenderScan',
      'windowsDefenderUpdateSignatures',
      'wipe',
    ],
    functions: [],
    navigations: [
      'deviceCategory',
      'deviceCompliancePolicyStates',
      'deviceConfigurationStates',
      'logCollectionRequests',
      'users',
      'windowsProtectionState',
    ],
  },
  beta: {
    actions: [
      'activateDeviceEsim',
      'bypassActivationLock',
      'changeAssignments',
      'cleanWindowsDevice',
      'createDeviceLogCollectionRequest',
      'deleteUserFromSharedAppleDevice',
      'deprovision',
      'disable',
      'disableLostMode',
      'enableLostMode',
      'enrollNowAction',
      'initiateDeviceAttestation',
      'initiateMobileDeviceManagementKeyRecovery',
      'initiateOnDemandProactiveRemediation',
      'locateDevice',
      'logoutSharedAppleDeviceActiveUser',
      'overrideComplianceState',
      'pauseConfigurationRefresh',
      'playLostModeSound',
      'rebootNow',
      'recoverPasscode',
      'reenable',
      'remoteLock',
      'removeDeviceEsim',
      'removeDeviceFirmwareConfigurationInterfaceManagement',
      'requestRemoteAssistance',
      'resetPasscode',
      'restoreManagedHomeScreen',
      'retire',
      'revokeAppleVppLicenses',
      'rotateBitLockerKeys',
      'rotateFileVaultKey',
      'rotateLocalAdminPassword',
      'rotateRecoveryLockPasscode',
      'sendCustomNotificationToCompanyPortal',
      'setDeviceName',
      'shutDown',
      'suspendManagedHomeScreen',
      'syncDevice',
      'triggerConfigurationManagerAction',
      'updateWindowsDeviceAccount',
      'windowsDefenderScan',
      'windowsDefenderUpdateSignatures',
      'wipe',
    ],
    functions: [
      'getFileVaultKey',
      'getNonCompliantSettings',
      'getSyncStatus',
      'retrieveDeviceLocalAdminAccountDetail',
      'retrieveMacOSManagedDeviceLocalAdminAccountDetail',
      'retrieveRecoveryLockPasscode',
    ],
    navigations: [
      'assignmentFilterEvaluationStatusDetails',
      'detectedApps',
      'deviceCategory',
      'deviceCompliancePolicyStates',
      'deviceConfigurationStates',
      'deviceHealthScriptStates',
      'logCollectionRequests',
      'managedDeviceMobileAppConfigurationStates',
      'securityBaselineStates',
      'users',
      'windowsProtectionState',
    ],
  },
};

export interface ManagedDeviceOperation {
  /** As Graph's metadata spells it. */
  name: string;
  kind: ManagedDeviceOperationKind;
}

const byVersion = new Map<GraphVersion, Map<string, ManagedDeviceOperation>>();
for (const [version, members] of Object.entries(MANAGED_DEVICE_MEMBERS) as [
  GraphVersion,
  ManagedDeviceMembers,
][]) {
  const index = new Map<string, ManagedDeviceOperation>();
  for (const name of members.actions) index.set(name.toLowerCase(), { name, kind: 'action' });
  for (const name of members.functions) index.set(name.toLowerCase(), { name, kind: 'function' });
  for (const name of members.navigations) index.set(name.toLowerCase(), { name, kind: 'navigation' });
  byVersion.set(version, index);
}

/** Graph's namespace, which an action or function segment may carry (`microsoft.graph.syncDevice`). */
const NAMESPACE = 'microsoft.graph.';

/**
 * The member of managedDevice a path segment names in `version`, matched as Graph matches segments (any case; an
 * operation with or without its namespace), or undefined.
 */
export function managedDeviceMemberOf(
  segment: string,
  version: GraphVersion,
): ManagedDeviceOperation | undefined {
  const lower = segment.toLowerCase();
  const index = byVersion.get(version);
  if (lower.startsWith(NAMESPACE)) {
    const operation = index?.get(lower.slice(NAMESPACE.length));
    return operation && operation.kind !== 'navigation' ? operation : undefined;
  }
  return index?.get(lower);
}

/** Whether `name` is an action or function of managedDevice in either version (for Intune's internal paths). */
export function managedDeviceOperationNamed(name: string): ManagedDeviceOperation | undefined {
  for (const version of ['beta', 'v1.0'] as const) {
    const member = managedDeviceMemberOf(name, version);
    if (member && member.kind !== 'navigation') return member;
  }
  return undefined;
}
