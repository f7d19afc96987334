// A stored device record for tests that write the store directly: an enrolled Android device administrator 6.0.
import type { DeviceRecord } from '../../server/store/store.js';

export function deviceRecord(id: string, overrides: Partial<DeviceRecord> = {}): DeviceRecord {
  return {
    id,
    fleet: 'f',
    secretHash: 'ab'.repeat(32),
    inventory: {
      deviceName: id,
      enrollment: 'androidDeviceAdministrator',
      osVersion: '6.0',
      model: 'Pixel',
      manufacturer: 'Google',
      serialNumber: 'SN',
      userPrincipalName: 'u@example.com',
      userDisplayName: 'U',
      ownerType: 'company',
      policy: null,
    },
    unlockToken: null,
    state: {
      screen: { view: 'home', title: 'Home', message: null },
      locked: false,
      passcodeSet: true,
      workProfilePasscodeSet: true,
      resetToken: 'active',
      notifications: [],
      prompt: null,
      compliant: true,
    },
    enrolledAt: 1,
    lastSyncAt: 1,
    connected: false,
    ...overrides,
  };
}
