// Turns a fleet file's device entry into what that device reports at enrollment and the machine it starts from.
import { type EnrollmentKind, operatingSystemOf } from '../../shared/enrollment.js';
import type { Inventory } from '../../shared/inventory.js';
import { deviceSecretValue, deviceValue } from '../runtime/device-identity.js';
import type { DeviceSpec } from './fleet-spec.js';
import { imeiOf } from './imei.js';

const defaults: Record<EnrollmentKind, { model: string; manufacturer: string }> = {
  iosDeviceEnrollment: { model: 'iPhone 15', manufacturer: 'Apple' },
  iosUserEnrollment: { model: 'iPhone 15', manufacturer: 'Apple' },
  androidWorkProfile: { model: 'Pixel 8', manufacturer: 'Google' },
  androidDeviceAdministrator: { model: 'Galaxy S6', manufacturer: 'samsung' },
  androidFullyManaged: { model: 'Pixel 8', manufacturer: 'Google' },
  macOS: { model: 'MacBook Pro', manufacturer: 'Apple' },
  windows: { model: 'Surface Laptop', manufacturer: 'Microsoft Corporation' },
};

const SERIAL = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const TOKEN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The unlock token an iOS device holds (and, unless the spec says otherwise, sends in its TokenUpdate): keyed by
 * the fleet's device key, as a real device's is random, so nobody who knows only the device id can make it.
 */
export function unlockTokenOf(deviceKey: string, deviceId: string): string {
  return deviceSecretValue(deviceKey, deviceId, 'unlock-token', 32, TOKEN);
}

/** Who owns a device the fleet file does not say: a work profile and a User Enrollment are a user's own device. */
function defaultOwnerTypeOf(enrollment: EnrollmentKind): 'company' | 'personal' {
  return enrollment === 'androidWorkProfile' || enrollment === 'iosUserEnrollment' ? 'personal' : 'company';
}

export function inventoryOf(
  spec: DeviceSpec,
  deviceId: string,
  ordinal: number,
  fleet: string,
  deviceKey: string,
  /** The device's unlock token, when the caller has already derived it (`unlockTokenOf`). */
  unlockToken?: string,
): Inventory {
  const { model, manufacturer } = { ...defaults[spec.enrollment], ...pick(spec) };
  const os = operatingSystemOf[spec.enrollment];
  const userNumber = String(ordinal + 1).padStart(4, '0');
  // Joined, not a template: the device keeps it for life as one flat string (see charactersOf).
  const user =
    spec.user ??
    ['user', userNumber, '@', fleet.toLowerCase().replace(/[^a-z0-9]+/g, ''), '.example.com'].join('');
  const reportedUnlockToken =
    spec.unlockToken === 'valid'
      ? (unlockToken ?? unlockTokenOf(deviceKey, deviceId))
      : spec.unlockToken === 'mismatch'
        ? deviceSecretValue(deviceKey, deviceId, 'stale-unlock-token', 32, TOKEN)
        : undefined;
  return {
    deviceName: (spec.name ?? `${model} ${userNumber}`).replaceAll('{n}', userNumber),
    enrollment: spec.enrollment,
    osVersion: spec.osVersion,
    model,
    manufacturer,
    serialNumber: deviceValue(deviceId, 'serial', 12, SERIAL),
    ...(reportsImei(spec.enrollment, model) ? { imei: imeiOf(model, deviceId) } : {}),
    userPrincipalName: user,
    userDisplayName: displayNameOf(user),
    ownerType: spec.ownerType ?? defaultOwnerTypeOf(spec.enrollment),
    policy: spec.policy,
    ...(os === 'iOS' && reportedUnlockToken ? { unlockToken: reportedUnlockToken } : {}),
  };
}

/**
 * Android phones report their IMEI, and so do iPhones under device enrollment (every iPhone has a modem); User
 * Enrollment hides hardware identifiers from the MDM. iPads and the rest report none (cellular iPads not modelled).
 */
function reportsImei(enrollment: EnrollmentKind, model: string): boolean {
  if (operatingSystemOf[enrollment] === 'Android') return true;
  return enrollment === 'iosDeviceEnrollment' && !/ipad/i.test(model);
}

function pick(spec: DeviceSpec): Partial<{ model: string; manufacturer: string }> {
  return {
    ...(spec.model ? { model: spec.model } : {}),
    ...(spec.manufacturer ? { manufacturer: spec.manufacturer } : {}),
  };
}

function displayNameOf(upn: string): string {
  const local = upn.split('@')[0] ?? upn;
  return local
    .split(/[._-]/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join(' ');
}
