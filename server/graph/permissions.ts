// The Graph application permissions mdmsim knows, and which one each Graph call needs (from the Graph reference).
import type { GraphTarget } from './odata/graph-path.js';

export const Permission = {
  ManagedDevicesRead: 'DeviceManagementManagedDevices.Read.All',
  ManagedDevicesReadWrite: 'DeviceManagementManagedDevices.ReadWrite.All',
  ManagedDevicesPrivileged: 'DeviceManagementManagedDevices.PrivilegedOperations.All',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

export const ALL_PERMISSIONS: ReadonlySet<string> = new Set(Object.values(Permission));

const READ: readonly Permission[] = [Permission.ManagedDevicesRead, Permission.ManagedDevicesReadWrite];

const ANY: readonly Permission[] = Object.values(Permission);

const NONE: readonly Permission[] = [];

/**
 * What a Graph call needs (any one of), as the Graph reference's "Permissions" tables list them (application column):
 * resetPasscode needs PrivilegedOperations.All; reading managedDevices and remoteActionAudits needs Read.All or
 * ReadWrite.All, deleting or updating a managedDevice ReadWrite.All (intune-devices-manageddevice-delete and -update).
 * A path that resolves to nothing needs read access, so its 400 is not hidden behind a 403. Intune's operations and
 * resources mdmsim does not simulate (their 501) take any of its permissions: what each needs in Graph is not
 * modelled; another workload's resources take none (below).
 */
export function permissionsFor(target: GraphTarget | null, method: string): readonly Permission[] {
  switch (target?.kind) {
    case 'action':
      return [Permission.ManagedDevicesPrivileged];
    case 'member':
    case 'metadata':
      return ANY;
    case 'unsimulated':
      // Intune's own (deviceManagement's and deviceAppManagement's, a user's Intune navigations) take any of its
      // permissions, as managedDevice's members do; the rest of Graph (directory, groups, /me) is another workload's, whose permissions mdmsim does not know: an
      // Intune 403 naming DeviceManagement scopes would be wrong there, so nothing is asked before its 501 or 400.
      return target.intune ? ANY : NONE;
    case 'entity':
      return target.set === 'managedDevices' &&
        target.userKey === undefined &&
        (method === 'DELETE' || method === 'PATCH')
        ? [Permission.ManagedDevicesReadWrite]
        : READ;
    default:
      return READ;
  }
}

/** Intune's phrase for an app that holds none of the permissions a call needs (sent inside Intune's document). */
export function missingPermissionPhrase(needed: readonly string[]): string {
  return `Application is not authorized to perform this operation. Application must have one of the following scopes: ${needed.join(', ')}`;
}
