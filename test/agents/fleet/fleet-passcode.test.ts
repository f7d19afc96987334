// A fleet entry's enrollment passcode must be one its device could have: the characters its lock screen refuses, and on
// Android a passcode shorter than any lock screen takes, are refused in the fleet file too, while a passcode shorter
// than the policy asks is a real (non-compliant) start.
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceSpecInput } from '../../../agents/fleet/fleet-spec.js';
import { parseFleet } from '../../../agents/fleet/load-fleet.js';
import { deviceSetupOf, startEmulatedDevice } from '../../../agents/runtime/emulated-device.js';
import { ControllableClock } from '../../../lib/controllable-clock.js';
import { EnrollmentKind } from '../../../shared/enrollment.js';

const ANDROID_CHARACTERS =
  "An Android device's passcode takes only ASCII characters 32-127 (AOSP's lock screen refuses others)";
const CONTROL_CHARACTER =
  "A passcode cannot include a control character such as a tab or a newline (no device's lock screen takes one)";
const ANDROID_TOO_SHORT =
  "An Android device's passcode has at least 4 characters (AOSP's Settings refuses a shorter PIN or password, whatever the policy)";

/** An OS version each kind of device can run (the passcode rules do not depend on it). */
const osVersionOf: Record<EnrollmentKind, string> = {
  iosDeviceEnrollment: '17.4',
  iosUserEnrollment: '17.4',
  androidWorkProfile: '14',
  androidDeviceAdministrator: '6.0.1',
  androidFullyManaged: '14',
  macOS: '14.4',
  windows: '10.0.22631',
};

const entry = (
  enrollment: EnrollmentKind,
  passcode: string | null,
  extra: Partial<DeviceSpecInput> = {},
) => ({
  enrollment,
  osVersion: osVersionOf[enrollment],
  passcode,
  ...extra,
});

/** The fleet file's answer: null when it loads, else its error message. */
const fleetRefusalOf = (...devices: DeviceSpecInput[]): string | null => {
  try {
    parseFleet({ devices }, 'fleet.yaml');
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

describe("a fleet entry's passcode", () => {
  it('is refused on Android outside ASCII 32-127, naming the entry and the field', () => {
    for (const enrollment of [
      'androidWorkProfile',
      'androidDeviceAdministrator',
      'androidFullyManaged',
    ] as const) {
      expect(fleetRefusalOf(entry('iosDeviceEnrollment', '2468'), entry(enrollment, 'pässword'))).toBe(
        `fleet.yaml is not a valid fleet:\n✖ ${ANDROID_CHARACTERS}\n  → at devices[1].passcode`,
      );
    }
    expect(fleetRefusalOf(entry('androidWorkProfile', '1234😀'))).toContain(ANDROID_CHARACTERS);
  });

  it('is refused with a control character on every device, iOS included', () => {
    expect(fleetRefusalOf(entry('iosDeviceEnrollment', '12\t34'))).toBe(
      `fleet.yaml is not a valid fleet:\n✖ ${CONTROL_CHARACTER}\n  → at devices[0].passcode`,
    );
    expect(fleetRefusalOf(entry('macOS', 'mac\npass'))).toContain(CONTROL_CHARACTER);
    // Android's own range would refuse it too; the control character is the more telling reason.
    expect(fleetRefusalOf(entry('androidFullyManaged', '1234\u0000'))).toContain(CONTROL_CHARACTER);
  });

  it('is reported beside the entry’s other mistakes, not instead of them', () => {
    const message = fleetRefusalOf({ ...entry('androidWorkProfile', 'pässword'), osVersion: 'nine' });
    expect(message).toContain('→ at devices[0].osVersion');
    expect(message).toContain(`✖ ${ANDROID_CHARACTERS}\n  → at devices[0].passcode`);
  });

  it('takes what the devices take: ASCII on Android, any printable character elsewhere', () => {
    expect(fleetRefusalOf(entry('androidWorkProfile', '1234'))).toBeNull();
    expect(fleetRefusalOf(entry('androidDeviceAdministrator', ' pass word!~'))).toBeNull();
    // iOS takes Unicode passcodes (an alphanumeric passcode on a keyboard with accents).
    expect(fleetRefusalOf(entry('iosDeviceEnrollment', 'café'))).toBeNull();
    expect(fleetRefusalOf(entry('windows', 'pässwörd😀'))).toBeNull();
  });

  it('is not refused for being shorter than its policy asks: a non-compliant device is a real start', () => {
    const policy = { passcodeRequired: true, minLength: 6 };
    expect(fleetRefusalOf(entry('androidWorkProfile', '1234', { policy }))).toBeNull();
    expect(fleetRefusalOf(entry('iosDeviceEnrollment', '1234', { policy }))).toBeNull();
  });

  it("is refused on Android under 4 characters, policy or not (AOSP's floor), naming the entry and the field", () => {
    for (const enrollment of [
      'androidWorkProfile',
      'androidDeviceAdministrator',
      'androidFullyManaged',
    ] as const) {
      expect(fleetRefusalOf(entry('iosDeviceEnrollment', '2468'), entry(enrollment, '123'))).toBe(
        `fleet.yaml is not a valid fleet:\n✖ ${ANDROID_TOO_SHORT}\n  → at devices[1].passcode`,
      );
    }
    const lenientPolicy = { passcodeRequired: true, minLength: 0 };
    expect(fleetRefusalOf(entry('androidWorkProfile', '1', { policy: lenientPolicy }))).toContain(
      ANDROID_TOO_SHORT,
    );
    // Both rules at once are both reported.
    const message = fleetRefusalOf(entry('androidFullyManaged', 'é'));
    expect(message).toContain(ANDROID_CHARACTERS);
    expect(message).toContain(ANDROID_TOO_SHORT);
  });

  it('keeps no length floor off Android: iOS, macOS and Windows take a 1-character passcode today', () => {
    for (const enrollment of ['iosDeviceEnrollment', 'iosUserEnrollment', 'macOS', 'windows'] as const) {
      expect(fleetRefusalOf(entry(enrollment, '1')), enrollment).toBeNull();
    }
  });
});

describe('the fleet file and the devices agree', () => {
  const T0 = Date.UTC(2026, 0, 5, 9);
  const clock = new ControllableClock({ now: T0, speed: 0 });
  afterEach(() => clock.stop());

  /** Whether a device of this kind, started from its fleet entry without a passcode, lets its user set this one. */
  const deviceTakes = (enrollment: EnrollmentKind, passcode: string): boolean => {
    const [spec] = parseFleet({ devices: [entry(enrollment, null)] }, 'fleet.yaml').devices;
    if (!spec) throw new Error('the fleet has no entry');
    const device = startEmulatedDevice(deviceSetupOf(spec, 'unlock-token', T0), clock);
    try {
      if (device.state().locked) device.applyInput({ type: 'unlock' });
      expect(device.applyInput({ type: 'openSettings' })).toEqual({ accepted: true });
      return device.applyInput({ type: 'setPasscode', passcode }).accepted;
    } finally {
      device.stop();
    }
  };

  it('on every kind of device: the fleet takes exactly the passcodes its user could set', () => {
    const passcodes = [
      '1',
      '123',
      'ab c',
      '1234',
      'pass word!~',
      'pässwörd',
      'パスワード',
      '1234😀',
      '12\t34',
      'line\nbreak',
      'del\u007f',
    ];
    for (const enrollment of EnrollmentKind.options) {
      for (const passcode of passcodes) {
        const fleetTakes = fleetRefusalOf(entry(enrollment, passcode)) === null;
        expect(fleetTakes, `${enrollment} ${JSON.stringify(passcode)}`).toBe(
          deviceTakes(enrollment, passcode),
        );
      }
    }
  });
});
