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
    expect(warmUpDeviceMachines(spec)).toEqual({ devices: 0, acknowledged: 0, cpuMs: 0 });
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
    expect(warmUp.acknowledged).toBe(WARM_UP_DEVICES * 0.9);
    expect(warmUp.cpuMs).toBeGreaterThan(0);
  });
});
