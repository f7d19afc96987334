// The Graph application permissions mdmsim knows, and which one each Graph call needs (from the Graph reference).
export const Permission = {
  ManagedDevicesRead: 'DeviceManagementManagedDevices.Read.All',
  ManagedDevicesReadWrite: 'DeviceManagementManagedDevices.ReadWrite.All',
  ManagedDevicesPrivileged: 'DeviceManagementManagedDevices.PrivilegedOperations.All',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

export const ALL_PERMISSIONS: ReadonlySet<string> = new Set(Object.values(Permission));
