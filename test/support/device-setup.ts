// A device's setup for the tests that start emulated devices directly, and the admin's Reset passcode they send it.
import type { DeviceSetup } from '../../agents/runtime/emulated-device.js';
import { ResetPasswordFlag } from '../../shared/commands.js';

/** An Android 14 work profile with an active reset token under a 6-digit policy, at `now`, with `overrides`. */
export function deviceSetup(now: number, overrides: Partial<DeviceSetup> = {}): DeviceSetup {
  return {
    enrollment: 'androidWorkProfile',
    osVersion: '14',
    passcode: '975310',
    policy: { passcodeRequired: true, minLength: 6 },
    resetTokenActivated: true,
    unlockToken: 'same-token',
    now,
    supportEdition: '2018-03',
    ...overrides,
  };
}

/** The admin's Reset passcode as an Android device gets it. */
export const RESET_PASSWORD = {
  requestType: 'ResetPassword',
  newPassword: '13572468',
  flags: ResetPasswordFlag.REQUIRE_ENTRY,
} as const;
