// The fleet file: which emulated devices an agents process runs, validated before any device starts.
import { z } from 'zod';
import { EnrollmentKind, OsVersion } from '../../shared/enrollment.js';
import { PasscodePolicy } from '../../shared/policy.js';

export const DeviceSpec = z.strictObject({
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
  ownerType: z.enum(['company', 'personal']).default('company').describe('Corporate or personal ownership.'),
  /** The passcode set at enrollment (the work profile passcode on an Android work profile), or null for none. */
  passcode: z
    .string()
    .min(1)
    .max(64)
    .nullable()
    .default(null)
    .describe(
      'The passcode set at enrollment (the work profile passcode on an Android work profile), or null for none. Quote digits in YAML.',
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
  /** How many such devices to run. */
  count: z.number().int().min(1).max(20_000).default(1).describe('How many such devices to run (default 1).'),
});
export type DeviceSpec = z.infer<typeof DeviceSpec>;
export type DeviceSpecInput = z.input<typeof DeviceSpec>;

export const FleetSpec = z.strictObject({
  devices: z.array(DeviceSpec).min(1),
});
export type FleetSpec = z.infer<typeof FleetSpec>;
