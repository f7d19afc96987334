// The agents' warm-up runs the real command path on throwaway devices in the fleet's proportions, and only for fleets
// large enough that a cold first reset matters.
import { describe, expect, it } from 'vitest';
import { FleetSpec } from '../../../agents/fleet/fleet-spec.js';
import {
  WARM_UP_DEVICES,
  WARM_UP_FROM_LIVE_DEVICES,
  warmUpDeviceMachines,
} from '../../../agents/runtime/machine-warm-up.js';

const policy = { passcodeRequired: true, minLength: 6 };

describe('warming up the device machines', () => {
  it('leaves a small fleet alone', () => {
    const spec = FleetSpec.parse({
      devices: [
        {
          name: 'iPhone {n}',
          enrollment: 'iosDeviceEnrollment',
          osVersion: '17.4',
          passcode: '123456',
          count: WARM_UP_FROM_LIVE_DEVICES - 1,
        },
        // Offline devices hold no socket and get no command: they do not count.
        {
          name: 'Offline {n}',
          enrollment: 'androidWorkProfile',
          osVersion: '13',
          passcode: '975310',
          count: 50_000,
          online: false,
        },
      ],
    });
    expect(warmUpDeviceMachines(spec)).toEqual({ devices: 0, changed: 0, cpuMs: 0 });
  });

  it("runs each live entry's command in its share, acknowledged as the server's would be", () => {
    const spec = FleetSpec.parse({
      devices: [
        {
          name: 'iPhone {n}',
          enrollment: 'iosDeviceEnrollment',
          osVersion: '17.4',
          passcode: '123456',
          policy,
          count: 3_000,
        },
        {
          name: 'Work profile {n}',
          enrollment: 'androidWorkProfile',
          osVersion: '13',
          passcode: '975310',
          policy,
          resetTokenActivated: true,
          count: 1_500,
        },
        { name: 'Mac {n}', enrollment: 'macOS', osVersion: '14.4', passcode: 'mac-pass', count: 500 },
        {
          name: 'Offline {n}',
          enrollment: 'androidDeviceAdministrator',
          osVersion: '6.0.1',
          passcode: '1111',
          count: 20_000,
          online: false,
        },
      ],
    });
    const warmUp = warmUpDeviceMachines(spec);
    // 3,000 : 1,500 : 500 of the live devices.
    expect(warmUp.devices).toBe(WARM_UP_DEVICES);
    // The iPhones' ClearPasscode carries their unlock token and the work profiles' reset uses an activated token, as
    // the server's commands do; only the Macs (no Remove passcode) answer errors.
    expect(warmUp.changed).toBe(WARM_UP_DEVICES * 0.9);
    expect(warmUp.cpuMs).toBeGreaterThan(0);
  });

  it('stays at its size however many entries the fleet has, every kind still run', () => {
    // 2,000 single-device entries, and one Windows PC that no share reaches.
    const phones = Array.from({ length: 2_000 }, (_, n) => ({
      name: `Phone ${n}`,
      enrollment: n % 2 === 0 ? 'iosDeviceEnrollment' : 'androidDeviceAdministrator',
      osVersion: n % 2 === 0 ? '17.4' : '6.0.1',
      passcode: '123456',
      count: 1,
    }));
    const spec = FleetSpec.parse({
      devices: [
        ...phones,
        { name: 'PC', enrollment: 'windows', osVersion: '10.0', passcode: 'pw', count: 1 },
      ],
    });
    const warmUp = warmUpDeviceMachines(spec);
    expect(warmUp.devices).toBe(WARM_UP_DEVICES + 1);
    // Every phone took its command through the agent's own frame handler; the PC answers an error, unchanged.
    expect(warmUp.changed).toBe(WARM_UP_DEVICES);
  });
});
