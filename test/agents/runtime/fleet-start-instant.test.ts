// A fleet starts at one simulated instant, however long building its devices takes: every iPhone that must set a
// passcode gets the same 60-minute deadline, and the devices of one fleet entry share their first snapshot.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FleetSpec } from '../../../agents/fleet/fleet-spec.js';
import { createFleet } from '../../../agents/runtime/fleet-runner.js';

describe('a fleet being built', () => {
  it('starts every device at the instant the build began', async () => {
    const fleet = createFleet(
      FleetSpec.parse({
        devices: [
          {
            name: 'iPhone {n}',
            enrollment: 'iosDeviceEnrollment',
            osVersion: '17.4',
            passcode: null,
            policy: { passcodeRequired: true, minLength: 6 },
            // Enough devices that building them takes several milliseconds of the clock, which runs at real speed.
            count: 3_000,
          },
        ],
      }),
      {
        serverUrl: 'http://127.0.0.1:1',
        enrollmentToken: 'unused',
        fleetName: 'start-instant',
        logger: pino({ level: 'silent' }),
      },
    );
    const deadlines = new Set(fleet.agents.map((agent) => agent.device.state().prompt?.deadline));
    expect(fleet.agents).toHaveLength(3_000);
    expect([...deadlines]).toHaveLength(1);
    expect([...deadlines][0]).toEqual(expect.any(String));
    await fleet.stop();
  });
});
