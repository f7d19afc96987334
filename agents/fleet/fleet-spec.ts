// The fleet file: which emulated devices an agents process runs, validated before any device starts.
import { z } from 'zod';
import { EnrollmentKind, OsVersion } from '../../shared/enrollment.js';
import { PasscodePolicy } from '../../shared/policy.js';

export const DeviceSpec = z.strictObject({
  /** Shown as deviceName; `{n}` is replaced by the device's number when `count` is over 1. */
  name: z.string().min(1).max(100).optional(),
  enrollment: EnrollmentKind,
  osVersion: OsVersion,
  model: z.string().min(1).max(64).optional(),
  manufacturer: z.string().min(1).max(64).optional(),
  /** The user's UPN; defaults to a user of the fleet's domain. */
  user: z.string().min(3).max(128).optional(),
  ownerType: z.enum(['company', 'personal']).default('company'),
  /** The passcode set at enrollment (the work profile passcode on an Android work profile), or null for none. */
  passcode: z.string().min(1).max(64).nullable().default(null),
  policy: PasscodePolicy.nullable().default(null),
  /** Android work profile: the user activated the reset token before the simulation starts. */
  resetTokenActivated: z.boolean().default(false),
  /**
   * iOS: the unlock token the server receives at enrollment. `mismatch` reproduces "Intune stored the wrong unlock
   * token"; `missing` a device that never sent one.
   */
  unlockToken: z.enum(['valid', 'mismatch', 'missing']).default('valid'),
  /** How many such devices to run. */
  count: z.number().int().min(1).max(20_000).default(1),
});
export type DeviceSpec = z.infer<typeof DeviceSpec>;
export type DeviceSpecInput = z.input<typeof DeviceSpec>;

export const FleetSpec = z.strictObject({
  devices: z.array(DeviceSpec).min(1),
});
export type FleetSpec = z.infer<typeof FleetSpec>;
