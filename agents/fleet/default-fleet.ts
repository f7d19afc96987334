// The demo fleet `npm start` runs: one device per row of the support matrix, plus the seed's interesting cases.
import type { DeviceSpecInput } from './fleet-spec.js';

const iosPolicy = { passcodeRequired: true, minLength: 6 };
const workProfilePolicy = { passcodeRequired: true, minLength: 6 };

export const defaultFleet: { devices: DeviceSpecInput[] } = {
  devices: [
    {
      name: 'iPhone (passcode policy)',
      enrollment: 'iosDeviceEnrollment',
      osVersion: '17.4',
      model: 'iPhone 15',
      passcode: '123456',
      policy: iosPolicy,
    },
    {
      name: 'iPad (no policy)',
      enrollment: 'iosDeviceEnrollment',
      osVersion: '17.4',
      model: 'iPad Air',
      passcode: '2468',
    },
    {
      name: 'Pixel work profile (token not activated)',
      enrollment: 'androidWorkProfile',
      osVersion: '8.1',
      model: 'Pixel 2',
      passcode: '135790',
      policy: workProfilePolicy,
    },
    {
      name: 'Galaxy work profile (token active)',
      enrollment: 'androidWorkProfile',
      osVersion: '9.0',
      model: 'Galaxy S9',
      manufacturer: 'samsung',
      passcode: '975310',
      policy: workProfilePolicy,
      resetTokenActivated: true,
    },
    {
      name: 'Nexus work profile 6.0 (unsupported)',
      enrollment: 'androidWorkProfile',
      osVersion: '6.0',
      model: 'Nexus 5X',
      manufacturer: 'LGE',
      passcode: '112233',
      policy: workProfilePolicy,
    },
    {
      name: 'Galaxy device admin 6.0',
      enrollment: 'androidDeviceAdministrator',
      osVersion: '6.0.1',
      model: 'Galaxy S6',
      passcode: '1111',
    },
    {
      name: 'Galaxy device admin 7.0 (unsupported)',
      enrollment: 'androidDeviceAdministrator',
      osVersion: '7.0',
      model: 'Galaxy S8',
      passcode: '2222',
    },
    {
      name: 'MacBook Pro (unsupported)',
      enrollment: 'macOS',
      osVersion: '14.4',
      model: 'MacBook Pro',
      passcode: 'mac-pass',
    },
    {
      name: 'Surface (unsupported)',
      enrollment: 'windows',
      osVersion: '10.0.22631',
      model: 'Surface Laptop',
      passcode: 'win-pass',
    },
  ],
};
