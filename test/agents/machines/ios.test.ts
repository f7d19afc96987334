// The iOS machine: ClearPasscode with the unlock token, and Apple's 60-minute passcode requirement.
import { afterEach, describe, expect, it } from 'vitest';
import {
  iosMachine,
  PASSCODE_CHANGE_REQUIRED,
  PASSCODE_GRACE_MS,
  PASSCODE_REQUIRED,
} from '../../../agents/machines/ios.js';
import { iosStateOf } from '../../../agents/screen/device-state-of.js';
import { DeviceErrorCode } from '../../../shared/commands.js';
import type { PasscodePolicy } from '../../../shared/policy.js';
import { type MachineHarness, startMachine, T0 } from './machine-harness.js';

const TOKEN = 'unlock-token-1';
const policy: PasscodePolicy = { passcodeRequired: true, minLength: 6 };

let device: MachineHarness<typeof iosMachine> | undefined;
afterEach(() => device?.stop());

function ios(
  options: {
    passcode?: string | null;
    policy?: PasscodePolicy | null;
    userEnrollment?: boolean;
    osVersion?: string;
    product?: 'iPhone' | 'iPad';
  } = {},
) {
  device = startMachine(iosMachine, {
    osVersion: options.osVersion ?? '17.4',
    ...(options.product ? { product: options.product } : {}),
    passcode: options.passcode === undefined ? '123456' : options.passcode,
    policy: options.policy ?? null,
    now: T0,
    unlockToken: TOKEN,
    userEnrollment: options.userEnrollment ?? false,
  });
  return device;
}

const clearPasscode = (unlockToken?: string) =>
  unlockToken === undefined
    ? ({ requestType: 'ClearPasscode' } as const)
    : ({ requestType: 'ClearPasscode', unlockToken } as const);
const state = (d: MachineHarness<typeof iosMachine>) => iosStateOf(d.snapshot());

describe('iOS ClearPasscode', () => {
  it('clears the passcode and answers Acknowledged when the unlock token is right', () => {
    const d = ios();
    expect(d.command(clearPasscode(TOKEN), 'c1')).toEqual({ commandId: 'c1', status: 'Acknowledged' });
    expect(d.snapshot().context.passcode).toBeNull();
    expect(state(d).passcodeSet).toBe(false);
  });

  it('answers Error 1001 with an errorChain and keeps the passcode when the unlock token is wrong', () => {
    const d = ios();
    const result = d.command(clearPasscode('someone-elses-token'), 'c2');
    expect(result).toMatchObject({
      commandId: 'c2',
      status: 'Error',
      errorCode: DeviceErrorCode.UnlockTokenInvalid,
    });
    expect(result?.errorChain).toEqual([
      expect.objectContaining({ errorCode: 1001, errorDomain: 'MCMDMErrorDomain' }),
    ]);
    expect(d.snapshot().context.passcode).toBe('123456');
  });

  it("answers Apple's error under User Enrollment, even with the right unlock token", () => {
    const d = ios({ userEnrollment: true, policy });
    const result = d.command(clearPasscode(TOKEN), 'c3');
    expect(result).toMatchObject({
      commandId: 'c3',
      status: 'Error',
      errorCode: DeviceErrorCode.NotAllowedInUserEnrollment,
    });
    expect(result?.errorChain?.[0]).toMatchObject({ errorDomain: 'MCMDMErrorDomain', errorCode: 1002 });
    expect(state(d)).toMatchObject({ passcodeSet: true, prompt: null });
  });

  it('answers Error 1001 and keeps the passcode when the unlock token is missing', () => {
    const d = ios();
    const result = d.command(clearPasscode());
    expect(result).toMatchObject({ status: 'Error', errorCode: 1001 });
    expect(result?.errorChain?.[0]?.errorCode).toBe(1001);
    expect(state(d).passcodeSet).toBe(true);
  });

  it('answers CommandFormatError to a ResetPassword command', () => {
    const d = ios();
    const result = d.command({ requestType: 'ResetPassword', newPassword: '999999', flags: 0 }, 'c3');
    expect(result).toEqual({
      commandId: 'c3',
      status: 'CommandFormatError',
      errorCode: DeviceErrorCode.UnsupportedCommand,
    });
    expect(d.snapshot().context.passcode).toBe('123456');
  });

  it('does not lock or navigate away when the passcode is cleared while the user is in an app', () => {
    const d = ios({ policy });
    d.send({ type: 'unlock', passcode: '123456' });
    d.send({ type: 'openApp' });
    d.command(clearPasscode(TOKEN));
    expect(state(d).screen.view).toBe('app');
    d.send({ type: 'goHome' });
    expect(state(d).screen.view).toBe('passcodeRequirement');
  });
});

describe('iOS without a passcode policy', () => {
  it('shows no prompt, stays compliant and has no passcode after ClearPasscode', () => {
    const d = ios();
    d.command(clearPasscode(TOKEN));
    d.send({ type: 'unlock' });
    const s = state(d);
    expect(s).toMatchObject({ prompt: null, compliant: true, passcodeSet: false, locked: false });
    expect(s.screen.view).toBe('home');
  });

  it('never enforces anything, even hours later', () => {
    const d = ios({ passcode: null });
    d.clock.advance(3 * PASSCODE_GRACE_MS);
    d.send({ type: 'unlock' });
    expect(d.refusalOf({ type: 'openApp' })).toBeNull();
    expect(state(d)).toMatchObject({ prompt: null, compliant: true });
  });
});

describe('iOS with a passcode policy after ClearPasscode', () => {
  function clearedWithPolicy() {
    const d = ios({ policy });
    d.clock.advance(5 * 60_000);
    expect(d.command(clearPasscode(TOKEN))?.status).toBe('Acknowledged');
    return d;
  }

  it('enters a 60-minute grace period whose deadline is the command time plus 60 minutes', () => {
    const d = clearedWithPolicy();
    expect(d.snapshot().matches({ compliance: 'gracePeriod' })).toBe(true);
    expect(state(d).prompt).toEqual({
      kind: 'passcodeRequirement',
      deadline: new Date(T0 + 5 * 60_000 + PASSCODE_GRACE_MS).toISOString(),
      enforced: false,
    });
    expect(state(d).compliant).toBe(false);
  });

  it('prompts on returning to the Home screen', () => {
    const d = clearedWithPolicy();
    d.send({ type: 'unlock' });
    expect(state(d).screen.view).toBe('passcodeRequirement');
  });

  it('lets the user dismiss the prompt during the grace period and open an app', () => {
    const d = clearedWithPolicy();
    d.send({ type: 'unlock' });
    d.send({ type: 'dismissPrompt' });
    expect(state(d).screen.view).toBe('home');
    expect(d.refusalOf({ type: 'openApp' })).toBeNull();
    expect(state(d).screen.view).toBe('app');
  });

  it('prompts again the next time the user returns Home after dismissing', () => {
    const d = clearedWithPolicy();
    d.send({ type: 'unlock' });
    d.send({ type: 'dismissPrompt' });
    d.send({ type: 'openApp' });
    d.send({ type: 'goHome' });
    expect(state(d).screen.view).toBe('passcodeRequirement');
  });

  it('is still dismissible one second before the 60 minutes are up', () => {
    const d = clearedWithPolicy();
    d.clock.advance(PASSCODE_GRACE_MS - 1000);
    d.send({ type: 'unlock' });
    expect(state(d).prompt?.enforced).toBe(false);
    expect(d.snapshot().can({ type: 'dismissPrompt' })).toBe(true);
  });

  it('enforces the requirement after 60 simulated minutes: the prompt cannot be dismissed', () => {
    const d = clearedWithPolicy();
    d.clock.advance(PASSCODE_GRACE_MS);
    d.send({ type: 'unlock' });
    expect(state(d).prompt?.enforced).toBe(true);
    expect(d.snapshot().can({ type: 'dismissPrompt' })).toBe(false);
    d.send({ type: 'dismissPrompt' });
    expect(state(d).screen.view).toBe('passcodeRequirement');
  });

  it('refuses to open an app once enforced, until a passcode is set in Settings', () => {
    const d = clearedWithPolicy();
    d.clock.advance(PASSCODE_GRACE_MS);
    d.send({ type: 'unlock' });
    expect(d.refusalOf({ type: 'openApp' })).toBe(PASSCODE_REQUIRED);
    expect(state(d).screen.view).toBe('passcodeRequirement');
    d.send({ type: 'openSettings' });
    expect(d.refusalOf({ type: 'setPasscode', passcode: '246810' })).toBeNull();
    d.send({ type: 'goHome' });
    expect(d.refusalOf({ type: 'openApp' })).toBeNull();
    expect(state(d).screen.view).toBe('app');
  });

  it('refuses an app launch from a prompt dismissed before the deadline once the deadline passes', () => {
    const d = clearedWithPolicy();
    d.send({ type: 'unlock' });
    d.send({ type: 'dismissPrompt' });
    d.clock.advance(PASSCODE_GRACE_MS);
    expect(d.refusalOf({ type: 'openApp' })).toMatch(/passcode is required/i);
    expect(state(d).screen.view).toBe('passcodeRequirement');
  });

  it('shows the enforced prompt the moment the deadline passes on a Home screen where it was put off', () => {
    const d = clearedWithPolicy();
    d.send({ type: 'unlock' });
    d.send({ type: 'dismissPrompt' });
    expect(state(d).screen.view).toBe('home');
    d.clock.advance(PASSCODE_GRACE_MS);
    expect(state(d).screen.view).toBe('passcodeRequirement');
    expect(state(d).prompt?.enforced).toBe(true);
  });

  it('refuses a passcode shorter than the policy minimum, with the reason', () => {
    const d = clearedWithPolicy();
    d.send({ type: 'unlock' });
    d.send({ type: 'openSettings' });
    expect(d.refusalOf({ type: 'setPasscode', passcode: '123' })).toBe(
      'The passcode must be at least 6 characters long.',
    );
    expect(state(d)).toMatchObject({ passcodeSet: false, compliant: false });
    expect(state(d).screen.message).toContain('at least 6');
  });

  it('becomes compliant and drops the prompt once a compliant passcode is set', () => {
    const d = clearedWithPolicy();
    d.send({ type: 'unlock' });
    d.send({ type: 'openSettings' });
    d.send({ type: 'setPasscode', passcode: '654321' });
    expect(state(d)).toMatchObject({ passcodeSet: true, compliant: true, prompt: null });
    d.send({ type: 'goHome' });
    expect(state(d).screen.view).toBe('home');
    d.send({ type: 'lock' });
    expect(d.refusalOf({ type: 'unlock', passcode: '654321' })).toBeNull();
  });

  it('stops the grace period timer once a passcode is set', () => {
    const d = clearedWithPolicy();
    expect(d.clock.pendingTimers()).toBe(1);
    d.send({ type: 'unlock' });
    d.send({ type: 'openSettings' });
    d.send({ type: 'setPasscode', passcode: '654321' });
    expect(d.clock.pendingTimers()).toBe(0);
    d.clock.advance(PASSCODE_GRACE_MS);
    expect(d.snapshot().matches({ compliance: 'satisfied' })).toBe(true);
  });
});

describe('iOS enrolled with a policy but no passcode', () => {
  it('starts in the grace period with the deadline 60 minutes after enrollment', () => {
    const d = ios({ passcode: null, policy });
    expect(state(d).prompt).toEqual({
      kind: 'passcodeRequirement',
      deadline: new Date(T0 + PASSCODE_GRACE_MS).toISOString(),
      enforced: false,
    });
    d.clock.advance(PASSCODE_GRACE_MS);
    expect(state(d).prompt?.enforced).toBe(true);
  });
});

describe('iOS enrolled with a passcode the policy does not accept', () => {
  it('asks for a change within 60 minutes, as for a missing passcode, until a compliant one is set', () => {
    const d = ios({ passcode: '2468', policy });
    expect(state(d)).toMatchObject({
      passcodeSet: true,
      compliant: false,
      prompt: { kind: 'passcodeRequirement', deadline: new Date(T0 + PASSCODE_GRACE_MS).toISOString() },
    });
    d.send({ type: 'unlock', passcode: '2468' });
    expect(state(d).screen.view).toBe('passcodeRequirement');
    d.send({ type: 'openSettings' });
    // Changing a passcode asks for the current one first.
    expect(d.refusalOf({ type: 'setPasscode', passcode: '246810' })).toBe(
      'Enter your current passcode first.',
    );
    expect(d.refusalOf({ type: 'setPasscode', passcode: '246810', currentPasscode: '2468' })).toBeNull();
    expect(state(d)).toMatchObject({ compliant: true, prompt: null });
  });

  it('asks for a change, not a new passcode, once enforced: apps are refused until it is changed', () => {
    const d = ios({ passcode: '1234', policy });
    d.send({ type: 'unlock', passcode: '1234' });
    d.clock.advance(PASSCODE_GRACE_MS);
    expect(state(d)).toMatchObject({ passcodeSet: true, prompt: { enforced: true } });
    expect(d.refusalOf({ type: 'openApp' })).toBe(PASSCODE_CHANGE_REQUIRED);
    d.send({ type: 'openSettings' });
    expect(d.refusalOf({ type: 'setPasscode', passcode: '246810', currentPasscode: '1234' })).toBeNull();
    d.send({ type: 'goHome' });
    expect(d.refusalOf({ type: 'openApp' })).toBeNull();
  });

  it('is compliant from the start when the passcode meets the policy', () => {
    expect(state(ios({ passcode: '246810', policy }))).toMatchObject({ compliant: true, prompt: null });
  });
});

describe('iOS Settings › Face ID & Passcode: changing a passcode', () => {
  const inSettings = () => {
    const d = ios();
    d.send({ type: 'unlock', passcode: '123456' });
    d.send({ type: 'openSettings' });
    return d;
  };

  it('asks for the current passcode before taking a new one', () => {
    const d = inSettings();
    expect(d.refusalOf({ type: 'setPasscode', passcode: '654321' })).toBe(
      'Enter your current passcode first.',
    );
    expect(d.snapshot().context).toMatchObject({ passcode: '123456', failedAttempts: 0 });
    expect(d.refusalOf({ type: 'setPasscode', passcode: '654321', currentPasscode: '123456' })).toBeNull();
    expect(d.snapshot().context.passcode).toBe('654321');
  });

  it('counts a wrong current passcode as a wrong passcode, up to the lockout', () => {
    const d = inSettings();
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(d.refusalOf({ type: 'setPasscode', passcode: '654321', currentPasscode: '000000' })).toBe(
        'Wrong passcode. Try again.',
      );
    }
    expect(d.refusalOf({ type: 'setPasscode', passcode: '654321', currentPasscode: '000000' })).toBe(
      'iPhone Unavailable. Try again in 1 minute.',
    );
    // Locked out: even the right passcode is refused, and nothing changes.
    expect(d.refusalOf({ type: 'setPasscode', passcode: '654321', currentPasscode: '123456' })).toBe(
      'iPhone Unavailable. Try again in 1 minute.',
    );
    expect(d.snapshot().context.passcode).toBe('123456');
  });

  it('refuses a current passcode when none is set', () => {
    const d = ios({ passcode: null });
    d.send({ type: 'unlock' });
    d.send({ type: 'openSettings' });
    expect(d.refusalOf({ type: 'setPasscode', passcode: '654321', currentPasscode: '123456' })).toBe(
      'No passcode is set, so there is no current passcode to enter.',
    );
    expect(d.refusalOf({ type: 'setPasscode', passcode: '654321' })).toBeNull();
  });
});

describe('iOS lock screen', () => {
  it('refuses to unlock with a wrong passcode and says so', () => {
    const d = ios();
    expect(d.refusalOf({ type: 'unlock', passcode: '000000' })).toBe('Wrong passcode. Try again.');
    expect(state(d)).toMatchObject({ locked: true, screen: { view: 'lockScreen' } });
  });

  it('refuses to unlock without a passcode when one is set', () => {
    const d = ios();
    expect(d.refusalOf({ type: 'unlock' })).not.toBeNull();
    expect(state(d).locked).toBe(true);
  });

  it('unlocks with the right passcode', () => {
    const d = ios();
    expect(d.refusalOf({ type: 'unlock', passcode: '123456' })).toBeNull();
    expect(state(d)).toMatchObject({ locked: false, screen: { view: 'home', message: null } });
  });

  it('leaves Settings\' "Passcode set." behind when the user locks: the lock screen shows nothing', () => {
    const d = ios({ passcode: null });
    d.send({ type: 'unlock' });
    d.send({ type: 'openSettings' });
    expect(d.refusalOf({ type: 'setPasscode', passcode: '654321' })).toBeNull();
    expect(state(d).screen).toMatchObject({ view: 'settings', message: 'Passcode set.' });
    expect(d.refusalOf({ type: 'lock' })).toBeNull();
    expect(state(d)).toMatchObject({ locked: true, screen: { view: 'lockScreen', message: null } });
  });

  it("leaves a refusal's text behind too", () => {
    const d = ios({ policy });
    d.send({ type: 'unlock', passcode: '123456' });
    d.send({ type: 'openSettings' });
    d.send({ type: 'setPasscode', passcode: '12', currentPasscode: '123456' });
    expect(state(d).screen.message).toBe('The passcode must be at least 6 characters long.');
    d.send({ type: 'lock' });
    expect(state(d).screen).toMatchObject({ view: 'lockScreen', message: null });
  });

  /** Unlocked, in Settings, with passcode entry locked out by five wrong current passcodes. */
  const lockedOutInSettings = (passcode = '123456', withPolicy = false) => {
    const d = ios({ passcode, policy: withPolicy ? policy : null });
    d.send({ type: 'unlock', passcode });
    d.send({ type: 'openSettings' });
    for (let attempt = 1; attempt <= 5; attempt++) {
      d.send({ type: 'setPasscode', passcode: '654321', currentPasscode: '000000' });
    }
    return d;
  };
  const LOCKOUT = 'iPhone Unavailable. Try again in 1 minute.';

  it('keeps showing a running lockout on the lock screen, and nothing once it ends', () => {
    const d = lockedOutInSettings();
    d.send({ type: 'lock' });
    expect(state(d)).toMatchObject({ locked: true, screen: { view: 'lockScreen', message: LOCKOUT } });
    d.clock.advance(60_000);
    expect(state(d).screen.message).toBeNull();
    expect(d.refusalOf({ type: 'unlock', passcode: '123456' })).toBeNull();
  });

  // A passcode shorter than the policy's minimum keeps the Passcode Requirement prompt on the way Home.
  it.each([
    ['Home', false, [], 'home'],
    ['an app', false, [{ type: 'openApp' }], 'app'],
    ['the Passcode Requirement', true, [], 'passcodeRequirement'],
    ['Home with the prompt dismissed', true, [{ type: 'dismissPrompt' }], 'home'],
  ] as const)(
    'shows a lockout begun in Settings when the user locks from %s',
    (_, withPolicy, then, view) => {
      const d = lockedOutInSettings(withPolicy ? '1234' : '123456', withPolicy);
      d.send({ type: 'goHome' });
      for (const event of then) d.send(event);
      expect(state(d).screen).toMatchObject({ view, message: null });
      d.send({ type: 'lock' });
      expect(state(d).screen).toMatchObject({ view: 'lockScreen', message: LOCKOUT });
    },
  );
});

describe('iOS lockout wording by version: "is disabled" before iOS 15.2, "Unavailable" from it', () => {
  const fiveWrong = (d: MachineHarness<typeof iosMachine>) => {
    for (let attempt = 1; attempt <= 4; attempt++) d.send({ type: 'unlock', passcode: '000000' });
    return d.refusalOf({ type: 'unlock', passcode: '000000' });
  };

  it.each([
    ['12.4', 'iPhone', 'iPhone is disabled. Try again in 1 minute.'],
    ['15.1.1', 'iPhone', 'iPhone is disabled. Try again in 1 minute.'],
    ['14.8', 'iPad', 'iPad is disabled. Try again in 1 minute.'],
    ['15.2', 'iPhone', 'iPhone Unavailable. Try again in 1 minute.'],
    ['17.4', 'iPad', 'iPad Unavailable. Try again in 1 minute.'],
  ] as const)('iOS %s on an %s says %j', (osVersion, product, text) => {
    expect(fiveWrong(ios({ osVersion, product }))).toBe(text);
  });

  it('keeps the schedule: five minutes after the sixth, before 15.2 too', () => {
    const d = ios({ osVersion: '14.8' });
    fiveWrong(d);
    d.clock.advance(60_000);
    expect(d.refusalOf({ type: 'unlock', passcode: '000000' })).toBe(
      'iPhone is disabled. Try again in 5 minutes.',
    );
  });
});
