// The one command Remove/Reset passcode sends, for the server and for the agents' warm-up alike.
import { describe, expect, it } from 'vitest';
import { passcodeCommandFor, ResetPasswordFlag } from '../../shared/commands.js';

describe('the Remove/Reset passcode command', () => {
  const newPassword = () => '482910';

  it('removes an iPhone or iPad passcode with the unlock token the device gave, if it gave one', () => {
    expect(passcodeCommandFor('iosDeviceEnrollment', 'token', newPassword)).toEqual({
      requestType: 'ClearPasscode',
      unlockToken: 'token',
    });
    expect(passcodeCommandFor('iosUserEnrollment', null, newPassword)).toEqual({
      requestType: 'ClearPasscode',
    });
  });

  it('sets a new passcode on Android and asks for it at once', () => {
    for (const enrollment of [
      'androidWorkProfile',
      'androidDeviceAdministrator',
      'androidFullyManaged',
    ] as const) {
      expect(passcodeCommandFor(enrollment, 'ignored', newPassword)).toEqual({
        requestType: 'ResetPassword',
        newPassword: '482910',
        flags: ResetPasswordFlag.REQUIRE_ENTRY,
      });
    }
  });
});
