// How a device is managed decides what Remove passcode does to it; this is the one list of those kinds.
import { z } from 'zod';

/** The operating system a device reports, spelled as Graph's managedDevice.operatingSystem. */
export const OperatingSystem = z.enum(['iOS', 'Android', 'macOS', 'Windows']);
export type OperatingSystem = z.infer<typeof OperatingSystem>;

/**
 * How the device is enrolled. The seed document's rows are told apart by this, not by the OS alone:
 * an Android 7.0 work profile is supported while an Android 7.0 device administrator device is not.
 */
export const EnrollmentKind = z.enum([
  'iosDeviceEnrollment',
  'iosUserEnrollment',
  'androidWorkProfile',
  'androidDeviceAdministrator',
  'androidFullyManaged',
  'macOS',
  'windows',
]);
export type EnrollmentKind = z.infer<typeof EnrollmentKind>;

export const operatingSystemOf: Record<EnrollmentKind, OperatingSystem> = {
  iosDeviceEnrollment: 'iOS',
  iosUserEnrollment: 'iOS',
  androidWorkProfile: 'Android',
  androidDeviceAdministrator: 'Android',
  androidFullyManaged: 'Android',
  macOS: 'macOS',
  windows: 'Windows',
};

/** A version such as "7.0", "6.0.1" or "17.4": digits separated by dots. */
export const OsVersion = z.string().regex(/^\d+(\.\d+){0,3}$/, 'an OS version such as "7.0" or "17.4"');

/** Compares two dotted versions numerically: negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
