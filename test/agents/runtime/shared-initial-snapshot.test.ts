// Devices started from the same input share their first snapshot, unless making it had effects each device must have.
import { describe, expect, it } from 'vitest';
import { type IosInput, iosMachine } from '../../../agents/machines/ios.js';
import {
  type DeviceSetup,
  runMachine,
  startEmulatedDevice,
} from '../../../agents/runtime/emulated-device.js';
import { ControllableClock } from '../../../lib/controllable-clock.js';
import { deviceSetup, RESET_PASSWORD } from '../../support/device-setup.js';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);

const setup = (overrides: Partial<DeviceSetup>) => deviceSetup(T0, overrides);

describe('initial snapshots', () => {
  it('leaves devices started from one input independent of each other', () => {
    const clock = new ControllableClock({ now: T0, speed: 0 });
    const [first, second] = [startEmulatedDevice(setup({}), clock), startEmulatedDevice(setup({}), clock)];
    // Started right after from another input (no passcode): its own start, not theirs.
    const other = startEmulatedDevice(setup({ passcode: null }), clock);
    if (!first || !second) throw new Error('no devices');
    expect(other.state().passcodeSet).toBe(false);
    expect(first.state().passcodeSet).toBe(true);
    const before = JSON.stringify(second.state());
    expect(JSON.stringify(first.state())).toBe(before);
    expect(first.runCommand('c-1', RESET_PASSWORD, T0).status).toBe('Acknowledged');
    // The first device moved on; the second is where both started, and then goes exactly the same way.
    expect(JSON.stringify(first.state())).not.toBe(before);
    expect(JSON.stringify(second.state())).toBe(before);
    expect(second.runCommand('c-2', RESET_PASSWORD, T0).status).toBe('Acknowledged');
    expect(JSON.stringify(second.state())).toBe(JSON.stringify(first.state()));
  });

  it('gives every device the timer its start schedules (an iPhone under a passcode policy without a passcode)', () => {
    const clock = new ControllableClock({ now: T0, speed: 0 });
    const iphone = setup({ enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: null });
    const devices = [1, 2, 3].map(() => startEmulatedDevice(iphone, clock));
    // Apple's 60 minutes to set a passcode, counted for each device.
    expect(clock.pendingTimers()).toBe(3);
    clock.advance(60 * 60 * 1000);
    for (const device of devices) expect(device.state().prompt).toMatchObject({ enforced: true });
  });

  it('starts iPhones that differ only in their unlock token as each would have started alone, token included', () => {
    const shared = new ControllableClock({ now: T0, speed: 0 });
    const inputs: IosInput[] = [
      {
        osVersion: '17.4',
        passcode: '123456',
        policy: { passcodeRequired: true, minLength: 6 },
        now: T0,
        unlockToken: '',
      },
      { osVersion: '17.4', passcode: '2468', policy: null, now: T0, unlockToken: '' },
      { osVersion: '17.4', passcode: '2468', policy: null, now: T0, unlockToken: '', userEnrollment: true },
    ];
    for (const base of inputs) {
      const first = runMachine(iosMachine, { ...base, unlockToken: 'token-a' }, shared);
      const second = runMachine(iosMachine, { ...base, unlockToken: 'token-b' }, shared);
      // The second alone: a clock of its own has nothing started before it to share.
      const alone = runMachine(
        iosMachine,
        { ...base, unlockToken: 'token-b' },
        new ControllableClock({ now: T0, speed: 0 }),
      );
      expect(JSON.stringify(second.snapshot())).toBe(JSON.stringify(alone.snapshot()));
      expect([...second.snapshot().tags]).toEqual([...alone.snapshot().tags]);
      expect(first.snapshot().context.unlockToken).toBe('token-a');
      // Each answers ClearPasscode with its own token, and the other's is wrong, as when started alone.
      const clear = (token: string) => ({ requestType: 'ClearPasscode', unlockToken: token }) as const;
      expect(second.runCommand('c-1', clear('token-a'), T0)).toEqual(
        alone.runCommand('c-1', clear('token-a'), T0),
      );
      expect(second.runCommand('c-2', clear('token-b'), T0)).toEqual(
        alone.runCommand('c-2', clear('token-b'), T0),
      );
      expect(JSON.stringify(second.snapshot())).toBe(JSON.stringify(alone.snapshot()));
      const firstAlone = runMachine(
        iosMachine,
        { ...base, unlockToken: 'token-a' },
        new ControllableClock({ now: T0, speed: 0 }),
      );
      expect(first.runCommand('c-3', clear('token-a'), T0)).toEqual(
        firstAlone.runCommand('c-3', clear('token-a'), T0),
      );
    }
  });
});
