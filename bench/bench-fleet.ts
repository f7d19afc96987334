// The benchmark's fleet: N devices over every kind that supports Remove passcode, plus a few that do not.

import type { DeviceSpecInput } from '../agents/fleet/fleet-spec.js';
import { deviceIdFor } from '../agents/runtime/device-identity.js';

const policy = { passcodeRequired: true, minLength: 6 };

/** Kinds Remove passcode works on, in the proportions the fleet uses. */
const SUPPORTED: ReadonlyArray<Omit<DeviceSpecInput, 'count'> & { share: number }> = [
  {
    name: 'Bench iPhone {n}',
    enrollment: 'iosDeviceEnrollment',
    osVersion: '17.4',
    passcode: '123456',
    policy,
    share: 0.3,
  },
  {
    name: 'Bench iPad {n}',
    enrollment: 'iosDeviceEnrollment',
    osVersion: '17.4',
    passcode: '2468',
    share: 0.2,
  },
  {
    name: 'Bench work profile {n}',
    enrollment: 'androidWorkProfile',
    osVersion: '9.0',
    passcode: '975310',
    policy,
    resetTokenActivated: true,
    share: 0.3,
  },
  {
    name: 'Bench device admin {n}',
    enrollment: 'androidDeviceAdministrator',
    osVersion: '6.0.1',
    passcode: '1111',
    share: 0.2,
  },
];

const UNSUPPORTED: ReadonlyArray<Omit<DeviceSpecInput, 'count'>> = [
  { name: 'Bench Mac {n}', enrollment: 'macOS', osVersion: '14.4', passcode: 'mac-pass' },
  { name: 'Bench Surface {n}', enrollment: 'windows', osVersion: '10.0.22631', passcode: 'win-pass' },
];

export interface BenchFleet {
  spec: { devices: DeviceSpecInput[] };
  total: number;
  /** Device ids (derived as the agents derive them) that Remove passcode is sent to. */
  supportedIds: string[];
}

export function benchFleet(devices: number, fleetName: string): BenchFleet {
  const unsupportedEach = devices >= 100 ? Math.max(1, Math.floor(devices * 0.005)) : devices >= 10 ? 1 : 0;
  const unsupportedTotal = unsupportedEach * UNSUPPORTED.length;
  const supportedTotal = Math.max(SUPPORTED.length, devices - unsupportedTotal);
  const entries: DeviceSpecInput[] = [];
  const supportedIds: string[] = [];
  let ordinal = 0;
  let assigned = 0;
  SUPPORTED.forEach((kind, index) => {
    const { share, ...spec } = kind;
    const count =
      index === SUPPORTED.length - 1
        ? supportedTotal - assigned
        : Math.max(1, Math.floor(supportedTotal * share));
    assigned += count;
    entries.push({ ...spec, count });
    for (let i = 0; i < count; i++) supportedIds.push(deviceIdFor(fleetName, ordinal++));
  });
  for (const spec of UNSUPPORTED) {
    if (unsupportedEach === 0) break;
    entries.push({ ...spec, count: unsupportedEach });
    ordinal += unsupportedEach;
  }
  return { spec: { devices: entries }, total: ordinal, supportedIds };
}
