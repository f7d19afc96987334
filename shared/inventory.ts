// What a device tells the server about itself when it connects (Apple's Authenticate/TokenUpdate, Android's status report).
import { z } from 'zod';
import { EnrollmentKind, OsVersion } from './enrollment.js';
import { PasscodePolicy } from './policy.js';

export const Inventory = z.strictObject({
  deviceName: z.string().min(1).max(128),
  enrollment: EnrollmentKind,
  osVersion: OsVersion,
  model: z.string().min(1).max(64),
  manufacturer: z.string().min(1).max(64),
  serialNumber: z.string().min(1).max(64),
  imei: z.string().max(32).optional(),
  userPrincipalName: z.string().min(1).max(128),
  userDisplayName: z.string().min(1).max(128),
  ownerType: z.enum(['company', 'personal']),
  policy: PasscodePolicy.nullable(),
  /** iOS only: the unlock token ClearPasscode needs, as sent in Apple's TokenUpdate check-in. */
  unlockToken: z.string().min(1).max(512).optional(),
});
export type Inventory = z.infer<typeof Inventory>;
