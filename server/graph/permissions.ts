// The Graph application permissions mdmsim knows, and which one each Graph call needs (from the Graph reference).
export const Permission = {
  ManagedDevicesRead: 'DeviceManagementManagedDevices.Read.All',
  ManagedDevicesReadWrite: 'DeviceManagementManagedDevices.ReadWrite.All',
  ManagedDevicesPrivileged: 'DeviceManagementManagedDevices.PrivilegedOperations.All',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

export const ALL_PERMISSIONS: ReadonlySet<string> = new Set(Object.values(Permission));

const READ: readonly Permission[] = [Permission.ManagedDevicesRead, Permission.ManagedDevicesReadWrite];

/**
 * What each Graph route needs (any one of), keyed by method and route path under the version prefix, as listed in
 * the Graph reference's "Permissions" table (application column). A route missing here is refused (fail closed).
 */
export const ROUTE_PERMISSIONS: Readonly<Record<string, readonly Permission[] | 'authenticated'>> = {
  'GET /deviceManagement/managedDevices': READ,
  'GET /deviceManagement/managedDevices/:id': READ,
  'POST /deviceManagement/managedDevices/:id/resetPasscode': [Permission.ManagedDevicesPrivileged],
  'GET /deviceManagement/remoteActionAudits': READ,
  'GET /deviceManagement/remoteActionAudits/:id': READ,
  // Each request inside a batch is checked on its own, as Graph does.
  'POST /$batch': 'authenticated',
};

/** The permissions a route needs, or undefined when the route has no entry. */
export function permissionsFor(
  method: string,
  routeUrl: string,
): readonly Permission[] | 'authenticated' | undefined {
  const path = routeUrl.replace(/^\/(?:v1\.0|beta)(?=\/)/, '');
  const verb = method === 'HEAD' ? 'GET' : method;
  return ROUTE_PERMISSIONS[`${verb} ${path}`];
}

/** Graph's (Intune's) 403 message for an app that holds none of the permissions a call needs. */
export function missingPermissionMessage(needed: readonly string[], requestId: string, url: string): string {
  return `Application is not authorized to perform this operation. Application must have one of the following scopes: ${needed.join(', ')} - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: ${requestId} - Url: ${url}`;
}
