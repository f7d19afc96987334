// The basic device machine: device administrator (before and after Android 7.0), fully managed, macOS, Windows.
import { afterEach, describe, expect, it } from 'vitest';
import { basicDeviceMachine, type PasscodeResetRule } from '../../../agents/machines/basic-device.js';
import { basicDeviceStateOf } from '../../../agents/screen/device-state-of.js';
import { DeviceErrorCode } from '../../../shared/commands.js';
import type { PasscodePolicy } from '../../../shared/policy.js';
import { type MachineHarness, startMachine, T0 } from './machine-harness.js';

const policy: PasscodePolicy = { passcodeRequired: true, minLength: 4 };
const reset = (newPassword = '8642') => ({ requestType: 'ResetPassword', newPassword, flags: 1 }) as const;

let device: MachineHarness<typeof basicDeviceMachine> | undefined;
afterEach(() => device?.stop());

function basic(resetRule: PasscodeResetRule, passcode: string | null = '1111', withPolicy = true) {
  device = startMachine(basicDeviceMachine, {
    osVersion: resetRule === 'any' ? '6.0.1' : '7.1',
    passcode,
    policy: withPolicy ? policy : null,
    now: T0,
    resetRule,
  });
  return device;
}
const state = (d: MachineHarness<typeof basicDeviceMachine>) => basicDeviceStateOf(d.snapshot());

describe("basic device with reset rule 'any' (Android device administrator 6.x)", () => {
  it('replaces the passcode, locks the device and answers Acknowledged', () => {
    const d = basic('any');
    d.send({ type: 'unlock', passcode: '1111' });
    d.send({ type: 'openApp' });
    expect(d.command(reset('8642'), 'a1')).toEqual({ commandId: 'a1', status: 'Acknowledged' });
    expect(d.snapshot().context.passcode).toBe('8642');
    expect(state(d)).toMatchObject({ locked: true, screen: { view: 'lockScreen' } });
  });

  it('lets the user unlock with the new passcode and not the old one', () => {
    const d = basic('any');
    d.command(reset('8642'));
    expect(d.refusalOf({ type: 'unlock', passcode: '1111' })).toBe('Wrong passcode. Try again.');
    expect(d.refusalOf({ type: 'unlock', passcode: '8642' })).toBeNull();
    expect(state(d)).toMatchObject({ locked: false, screen: { view: 'home' }, compliant: true });
  });
});

describe("basic device with reset rule 'onlyWhenNoneSet' (Android device administrator 7.0+)", () => {
  it('refuses to change an existing passcode with Error 2003 and keeps it', () => {
    const d = basic('onlyWhenNoneSet');
    const result = d.command(reset('8642'), 'b1');
    expect(result).toMatchObject({
      commandId: 'b1',
      status: 'Error',
      errorCode: DeviceErrorCode.ChangeRefusedByOs,
    });
    expect(result?.errorChain?.[0]?.errorCode).toBe(2003);
    expect(d.snapshot().context.passcode).toBe('1111');
  });

  it('sets a passcode when none is set', () => {
    const d = basic('onlyWhenNoneSet', null);
    expect(state(d).compliant).toBe(false);
    expect(d.command(reset('8642'))?.status).toBe('Acknowledged');
    expect(state(d)).toMatchObject({ passcodeSet: true, compliant: true, locked: true });
    expect(d.refusalOf({ type: 'unlock', passcode: '8642' })).toBeNull();
  });
});

describe("basic device with reset rule 'whenPasscodeRequired' (Android Enterprise fully managed)", () => {
  it('resets with its reset token while a passcode policy is enforced', () => {
    const d = basic('whenPasscodeRequired');
    expect(d.command(reset('8642'))?.status).toBe('Acknowledged');
    expect(d.refusalOf({ type: 'unlock', passcode: '8642' })).toBeNull();
  });

  it('has no reset token without a passcode requirement: Error 2002, the passcode kept', () => {
    const d = basic('whenPasscodeRequired', '1111', false);
    const result = d.command(reset('8642'), 'f1');
    expect(result).toMatchObject({
      commandId: 'f1',
      status: 'Error',
      errorCode: DeviceErrorCode.NoPasscodeRequirement,
    });
    expect(d.snapshot().context.passcode).toBe('1111');
  });
});

describe("basic device with reset rule 'none' (macOS, Windows)", () => {
  it('answers CommandFormatError to ResetPassword and keeps the passcode', () => {
    const d = basic('none');
    expect(d.command(reset())).toMatchObject({
      status: 'CommandFormatError',
      errorCode: DeviceErrorCode.UnsupportedCommand,
    });
    expect(d.snapshot().context.passcode).toBe('1111');
  });

  it('answers CommandFormatError to ClearPasscode too', () => {
    const d = basic('any');
    expect(d.command({ requestType: 'ClearPasscode', unlockToken: 'x' })?.status).toBe('CommandFormatError');
  });
});

describe('basic device user inputs', () => {
  it('unlocks without a passcode when none is set', () => {
    const d = basic('any', null, false);
    expect(d.refusalOf({ type: 'unlock' })).toBeNull();
    expect(state(d).screen.view).toBe('home');
  });

  it('refuses a too-short passcode in Settings and accepts a compliant one', () => {
    const d = basic('any', null);
    d.send({ type: 'unlock' });
    d.send({ type: 'openSettings' });
    expect(d.refusalOf({ type: 'setPasscode', passcode: '12' })).toBe(
      'The passcode must be at least 4 characters long.',
    );
    expect(d.refusalOf({ type: 'setPasscode', passcode: '1234' })).toBeNull();
    expect(state(d)).toMatchObject({ passcodeSet: true, compliant: true, screen: { view: 'settings' } });
  });
});

describe("basic device passcode length: Android's shortest (AOSP, 4 characters), none on a computer", () => {
  it.each(['any', 'onlyWhenNoneSet', 'whenPasscodeRequired'] as const)(
    "refuses a passcode under 4 characters without a policy on Android ('%s')",
    (rule) => {
      const d = basic(rule, null, false);
      d.send({ type: 'unlock' });
      d.send({ type: 'openSettings' });
      expect(d.refusalOf({ type: 'setPasscode', passcode: '1' })).toBe(
        'The passcode must be at least 4 characters long.',
      );
      expect(d.refusalOf({ type: 'setPasscode', passcode: 'ab!' })).toBe(
        'The passcode must be at least 4 characters long.',
      );
      expect(d.snapshot().context.passcode).toBeNull();
      expect(d.refusalOf({ type: 'setPasscode', passcode: '1234' })).toBeNull();
    },
  );

  it('keeps taking a 1-character password on macOS and Windows without a policy', () => {
    const d = basic('none', null, false);
    d.send({ type: 'unlock' });
    d.send({ type: 'openSettings' });
    expect(d.refusalOf({ type: 'setPasscode', passcode: '1' })).toBeNull();
    expect(state(d)).toMatchObject({ passcodeSet: true, compliant: true });
  });

  it('reports an Android passcode under 4 characters not compliant, a computer one compliant', () => {
    const lenient = { passcodeRequired: true, minLength: 0 };
    for (const [resetRule, compliant] of [
      ['any', false],
      ['none', true],
    ] as const) {
      device?.stop();
      device = startMachine(basicDeviceMachine, {
        osVersion: '6.0.1',
        passcode: '123',
        policy: lenient,
        now: T0,
        resetRule,
      });
      expect(state(device).compliant, resetRule).toBe(compliant);
    }
  });
});

describe('basic device lock screen', () => {
  it('leaves Settings\' "Passcode set." behind when the user locks', () => {
    const d = basic('any', null);
    d.send({ type: 'unlock' });
    d.send({ type: 'openSettings' });
    d.send({ type: 'setPasscode', passcode: '2468' });
    expect(state(d).screen.message).toBe('Passcode set.');
    d.send({ type: 'lock' });
    expect(state(d)).toMatchObject({ locked: true, screen: { view: 'lockScreen', message: null } });
    expect(d.refusalOf({ type: 'unlock', passcode: '2468' })).toBeNull();
  });

  /** Unlocked, in Settings, with Gatekeeper's first lockout running after five wrong current passcodes. */
  const lockedOutInSettings = (resetRule: PasscodeResetRule) => {
    const d = basic(resetRule);
    d.send({ type: 'unlock', passcode: '1111' });
    d.send({ type: 'openSettings' });
    for (let attempt = 1; attempt <= 5; attempt++) {
      d.send({ type: 'setPasscode', passcode: '2468', currentPasscode: '0000' });
    }
    return d;
  };
  const LOCKOUT = 'Too many incorrect attempts. Try again in 30 seconds.';

  it.each([
    ['Settings', []],
    ['Home', [{ type: 'goHome' }]],
    ['an app', [{ type: 'goHome' }, { type: 'openApp' }]],
  ] as const)('shows only a running lockout when the user locks from %s', (_, then) => {
    const d = lockedOutInSettings('any');
    for (const event of then) d.send(event);
    d.send({ type: 'lock' });
    expect(state(d).screen).toMatchObject({ view: 'lockScreen', message: LOCKOUT });
    d.clock.advance(30_000);
    expect(state(d).screen.message).toBeNull();
    expect(d.refusalOf({ type: 'unlock', passcode: '1111' })).toBeNull();
  });
});

describe('basic device settings: changing the screen lock', () => {
  it('asks for the current passcode first (AOSP ChooseLockGeneric) and counts a wrong one', () => {
    const d = basic('any');
    d.send({ type: 'unlock', passcode: '1111' });
    d.send({ type: 'openSettings' });
    expect(d.refusalOf({ type: 'setPasscode', passcode: '2468' })).toBe('Enter your current passcode first.');
    expect(d.refusalOf({ type: 'setPasscode', passcode: '2468', currentPasscode: '0000' })).toBe(
      'Wrong passcode. Try again.',
    );
    expect(d.snapshot().context.failedAttempts).toBe(1);
    expect(d.refusalOf({ type: 'setPasscode', passcode: '2468', currentPasscode: '1111' })).toBeNull();
    expect(d.snapshot().context).toMatchObject({ passcode: '2468', failedAttempts: 0 });
  });
});

describe('basic device lockout (AOSP Gatekeeper, Android 6.0 and later)', () => {
  it('waits as Gatekeeper does after each wrong passcode, counting on past a lockout until the right one', () => {
    const d = basic('any');
    /** Each wrong passcode's wait, waiting every lockout out before the next try, as a patient attacker would. */
    const waits: number[] = [];
    for (let failure = 1; failure <= 145; failure++) {
      d.clock.advance(waits.at(-1) ?? 0);
      const refusal = d.send({ type: 'unlock', passcode: '0000' }).find((e) => e.type === 'refused');
      waits.push(refusal?.type === 'refused' ? (refusal.lockoutMs ?? 0) : -1);
    }
    const waitAfter = (failure: number) => waits[failure - 1];
    // 1-10: only the 5th and the 10th; 11-29: each; from 30 doubling every ten; from 140 a day.
    expect([1, 4, 6, 9].map(waitAfter)).toEqual([0, 0, 0, 0]);
    expect([5, 10, 11, 20, 29, 30, 39].map(waitAfter)).toEqual(Array(7).fill(30_000));
    expect([40, 49, 50, 60, 139].map(waitAfter)).toEqual([
      60_000,
      60_000,
      120_000,
      240_000,
      30_000 * 2 ** 10,
    ]);
    expect([140, 145].map(waitAfter)).toEqual([86_400_000, 86_400_000]);
    expect(state(d).screen.message).toBe('Too many incorrect attempts. Try again in 86400 seconds.');
    // The right passcode, once the day is out, starts the count again.
    d.clock.advance(86_400_000);
    expect(d.refusalOf({ type: 'unlock', passcode: '1111' })).toBeNull();
    d.send({ type: 'lock' });
    expect(d.refusalOf({ type: 'unlock', passcode: '0000' })).toBe('Wrong passcode. Try again.');
  });
});

describe("a computer's own lockout: the Mac's and the Windows PC's, not Android's", () => {
  /** A Mac or a Windows PC (reset rule `none`) reporting `osVersion`, as Intune reports each. */
  function computer(osVersion: string) {
    device = startMachine(basicDeviceMachine, {
      osVersion,
      passcode: 'secret',
      policy: null,
      now: T0,
      resetRule: 'none',
    });
    return device;
  }
  /** Each wrong password's refusal and lockout, waiting every lockout out before the next try. */
  function wrongPasswords(d: MachineHarness<typeof basicDeviceMachine>, count: number) {
    const refusals: { reason: string; lockoutMs: number }[] = [];
    for (let failure = 1; failure <= count; failure++) {
      d.clock.advance(refusals.at(-1)?.lockoutMs ?? 0);
      const refusal = d.send({ type: 'unlock', passcode: 'wrong' }).find((e) => e.type === 'refused');
      if (refusal?.type !== 'refused') throw new Error(`failure ${failure} was not refused`);
      refusals.push({ reason: refusal.reason, lockoutMs: refusal.lockoutMs ?? 0 });
    }
    return refusals;
  }
  const MINUTE = 60_000;
  const LOCKED_OUT = 'The referenced account is currently locked out and may not be logged on to.';

  it("macOS: Apple's delays (1-4 none, 5 one minute, 6 five, 7-8 fifteen, then an hour), in the Mac's words", () => {
    const refusals = wrongPasswords(computer('14.4'), 12);
    expect(refusals.map((r) => r.lockoutMs)).toEqual([
      0,
      0,
      0,
      0,
      MINUTE,
      5 * MINUTE,
      15 * MINUTE,
      15 * MINUTE,
      60 * MINUTE,
      60 * MINUTE,
      60 * MINUTE,
      60 * MINUTE,
    ]);
    expect(refusals[3]?.reason).toBe('Wrong passcode. Try again.');
    expect(refusals[4]?.reason).toBe('Too many failed password attempts. Try again in 1 minute.');
    expect(refusals[5]?.reason).toBe('Too many failed password attempts. Try again in 5 minutes.');
    expect(refusals.some((r) => r.reason.includes('incorrect attempts'))).toBe(false);
  });

  it('macOS 10.15 is a Mac too', () => {
    expect(wrongPasswords(computer('10.15.7'), 5)[4]?.reason).toBe(
      'Too many failed password attempts. Try again in 1 minute.',
    );
  });

  it("Windows 11 22H2 and later: the 10th wrong password locks the account for 10 minutes (Windows' default)", () => {
    const d = computer('10.0.22631');
    const refusals = wrongPasswords(d, 10);
    expect(refusals.slice(0, 9).map((r) => r.lockoutMs)).toEqual(Array(9).fill(0));
    expect(refusals[9]).toEqual({ reason: LOCKED_OUT, lockoutMs: 10 * MINUTE });
    expect(state(d).screen.message).toBe(LOCKED_OUT);
    // Locked out: the right password is refused too, until the 10 minutes are over.
    d.clock.advance(10 * MINUTE - 1_000);
    expect(d.refusalOf({ type: 'unlock', passcode: 'secret' })).toBe(LOCKED_OUT);
    d.clock.advance(1_000);
    expect(state(d).screen.message).toBeNull();
    // The counter's reset time has passed with the lockout: ten more wrong ones lock it again, not one.
    const again = wrongPasswords(d, 10);
    expect(again.slice(0, 9).every((r) => r.lockoutMs === 0)).toBe(true);
    expect(again[9]?.reason).toBe(LOCKED_OUT);
  });

  it.each(['10.0.22621', '10.0.26100.1742'])('Windows build %s has the default lockout', (osVersion) => {
    expect(wrongPasswords(computer(osVersion), 10)[9]?.lockoutMs).toBe(10 * MINUTE);
  });

  it.each([
    ['Windows 10', '10.0.19045'],
    ['Windows 11 21H2', '10.0.22000'],
  ])('%s has no default lockout: wrong passwords never lock it', (_, osVersion) => {
    const d = computer(osVersion);
    const refusals = wrongPasswords(d, 30);
    expect(refusals.every((r) => r.reason === 'Wrong passcode. Try again.' && r.lockoutMs === 0)).toBe(true);
    expect(d.refusalOf({ type: 'unlock', passcode: 'secret' })).toBeNull();
  });

  it("keeps Android's schedule on Android devices", () => {
    const refusals = wrongPasswords(basic('whenPasscodeRequired'), 5);
    expect(refusals[4]).toEqual({
      reason: 'Too many incorrect attempts. Try again in 30 seconds.',
      lockoutMs: 30_000,
    });
  });
});

describe('a lockout kept across an agents restart', () => {
  it('is what the lock screen shows when the device comes up again, on a Mac as on Android', () => {
    for (const [resetRule, osVersion] of [
      ['none', '14.4'],
      ['whenPasscodeRequired', '9.0'],
    ] as const) {
      const lockout = 'Too many failed password attempts. Try again in 5 minutes.';
      device = startMachine(basicDeviceMachine, {
        osVersion,
        passcode: '1111',
        policy,
        now: T0,
        resetRule,
        restoredLockout: { failedAttempts: 6, lockout },
      });
      expect(state(device).screen.message, resetRule).toBe(lockout);
      device.stop();
      device = undefined;
    }
  });
});
