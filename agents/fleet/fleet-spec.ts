// The fleet file: which emulated devices an agents process runs, validated before any device starts.
import { z } from 'zod';
import { EnrollmentKind, OsVersion, operatingSystemOf } from '../../shared/enrollment.js';
import {
  ANDROID_MIN_PASSCODE_LENGTH,
  minimumPasscodeLength,
  type PasscodeCharacterProblem,
  PasscodePolicy,
  passcodeCharacterProblem,
} from '../../shared/policy.js';

/** Live devices one entry may run: each holds a socket, and a process may open 20,000 files. */
export const MAX_LIVE_PER_ENTRY = 20_000;
/** Enrolled-but-offline devices one entry may declare: they cost the agents process nothing once enrolled. */
export const MAX_OFFLINE_PER_ENTRY = 1_000_000;

/**
 * A fleet entry's fields, without the checks across them (`DeviceSpec` adds those): zod cannot omit or pick the fields
 * of a refined object, and the scenario file's fleet entry (runner/scenario-schema.ts) is built from these.
 */
export const DeviceSpecFields = z.strictObject({
  /** Shown as deviceName; `{n}` is replaced by the device's number when `count` is over 1. */
  name: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Shown as deviceName; `{n}` is replaced by the device number when `count` is over 1.'),
  enrollment: EnrollmentKind.describe(
    'How the device is enrolled (this, not the OS alone, decides what Remove passcode does to it).',
  ),
  osVersion: OsVersion.describe(
    'The OS version the device reports, such as "17.4" or "8.1" (quote it in YAML).',
  ),
  model: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('The model reported to Graph (default per enrollment kind).'),
  manufacturer: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('The manufacturer reported to Graph (default per enrollment kind).'),
  /** The user's UPN; defaults to a user of the fleet's domain. */
  user: z
    .string()
    .min(3)
    .max(128)
    .optional()
    .describe("The user's UPN; defaults to a user of the fleet's domain."),
  /**
   * Corporate or personal ownership. By default a work profile and a User Enrollment are personal (both are made for
   * a user's own device; a company-owned work profile needs Android 8.0), everything else company-owned.
   */
  ownerType: z
    .enum(['company', 'personal'])
    .optional()
    .describe(
      'Corporate or personal ownership (default: personal for an Android work profile and iOS User Enrollment, company otherwise).',
    ),
  /**
   * The passcode set at enrollment (the work profile passcode on an Android work profile), or null for none; only
   * characters its device's lock screen takes, and on Android no fewer than it takes (`refuseImpossiblePasscode`).
   */
  passcode: z
    .string()
    .min(1)
    .max(64)
    .nullable()
    .default(null)
    .describe(
      "The passcode set at enrollment (the work profile passcode on an Android work profile), or null for none. Quote digits in YAML. Only characters the device's lock screen takes: no control characters, and on Android only ASCII 32-127.",
    ),
  policy: PasscodePolicy.nullable()
    .default(null)
    .describe('The passcode compliance policy installed on the device, or null for none.'),
  /** Android work profile: the user activated the reset token before the simulation starts. */
  resetTokenActivated: z
    .boolean()
    .default(false)
    .describe('Android work profile: the user activated the reset token before the simulation starts.'),
  /**
   * iOS: the unlock token the server receives at enrollment. `mismatch` reproduces "Intune stored the wrong unlock
   * token"; `missing` a device that never sent one.
   */
  unlockToken: z
    .enum(['valid', 'mismatch', 'missing'])
    .default('valid')
    .describe(
      'iOS: the unlock token sent at enrollment: valid, mismatch (Intune stored the wrong one) or missing (never sent).',
    ),
  /** How many such devices to run (live ones each hold a socket, so at most 20,000; offline ones up to 1,000,000). */
  count: z
    .number()
    .int()
    .min(1)
    .max(MAX_OFFLINE_PER_ENTRY)
    .default(1)
    .describe('How many such devices to run (default 1; live ones at most 20,000, offline ones 1,000,000).'),
  /**
   * `false`: enrolled but offline, as the many devices of a real tenant that rarely check in. The agents process
   * enrolls each one (a real hello on its own connection, answered by a welcome) and closes the connection at once:
   * the server keeps the device record, Graph lists it, and it costs no socket and no running machine afterwards.
   */
  online: z
    .boolean()
    .default(true)
    .describe(
      'false: enrolled but offline (enrolled once, then no socket), as most devices of a real tenant.',
    ),
});

/** Why a fleet entry's passcode is one its device could never have had, by what its lock screen refuses. */
export const PASSCODE_CHARACTER_MESSAGES: Record<PasscodeCharacterProblem, string> = {
  controlCharacter:
    "A passcode cannot include a control character such as a tab or a newline (no device's lock screen takes one)",
  outsideAndroidRange:
    "An Android device's passcode takes only ASCII characters 32-127 (AOSP's lock screen refuses others)",
};

/** Why a fleet entry's passcode is too short for any Android lock screen (shared/policy.ts cites AOSP). */
export const ANDROID_PASSCODE_TOO_SHORT_MESSAGE = `An Android device's passcode has at least ${ANDROID_MIN_PASSCODE_LENGTH} characters (AOSP's Settings refuses a shorter PIN or password, whatever the policy)`;

/**
 * Refuses an entry whose enrollment passcode its device refuses whatever the policy (shared/policy.ts, the devices'
 * own rules): characters its lock screen does not take, or, on Android, fewer characters than any Android lock screen
 * takes. The simulation would start from a state no real device can be in. A passcode shorter than the policy asks is
 * left alone: a non-compliant device is a real starting state, and what compliance reporting is about.
 */
export function refuseImpossiblePasscode(
  entry: Pick<DeviceSpec, 'enrollment' | 'passcode'>,
  context: z.RefinementCtx,
): void {
  // zod runs it beside other fields' issues (a wrong osVersion), so the passcode may be no string at all (its own issue
  // says so); not when the enrollment itself is wrong, which the Android rule needs.
  if (typeof entry.passcode !== 'string') return;
  const lockScreen = { android: operatingSystemOf[entry.enrollment] === 'Android' };
  const problem = passcodeCharacterProblem(entry.passcode, lockScreen);
  if (problem !== null) {
    context.addIssue({ code: 'custom', path: ['passcode'], message: PASSCODE_CHARACTER_MESSAGES[problem] });
  }
  // The OS's floor only (no policy): counted in characters, as the devices count them.
  if ([...entry.passcode].length < minimumPasscodeLength(null, lockScreen)) {
    context.addIssue({ code: 'custom', path: ['passcode'], message: ANDROID_PASSCODE_TOO_SHORT_MESSAGE });
  }
}

export const DeviceSpec = DeviceSpecFields.superRefine(refuseImpossiblePasscode);
export type DeviceSpec = z.infer<typeof DeviceSpec>;
export type DeviceSpecInput = z.input<typeof DeviceSpec>;

export const FleetSpec = z.strictObject({
  devices: z
    .array(DeviceSpec)
    .min(1)
    .superRefine((devices, context) => {
      devices.forEach((device, index) => {
        if (device.online && device.count > MAX_LIVE_PER_ENTRY) {
          context.addIssue({
            code: 'custom',
            path: [index, 'count'],
            message: `A live entry runs at most ${MAX_LIVE_PER_ENTRY.toLocaleString('en')} devices (one socket each); mark bulk enrolled-only devices online: false.`,
          });
        }
      });
    }),
});
export type FleetSpec = z.infer<typeof FleetSpec>;
