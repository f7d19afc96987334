// A device as the simulator shows it: what its user sees, its connection, and how Remove passcode stands.
import { z } from 'zod';
import { DeviceState } from '../device-state.js';
import { EnrollmentKind, OperatingSystem } from '../enrollment.js';
import { PasscodePolicy } from '../policy.js';
import { SupportEdition } from '../support-matrix.js';
import { ActionView } from './action-view.js';

export const DeviceView = z.strictObject({
  id: z.string(),
  name: z.string(),
  fleet: z.string(),
  enrollment: EnrollmentKind,
  operatingSystem: OperatingSystem,
  osVersion: z.string(),
  model: z.string(),
  user: z.string(),
  policy: PasscodePolicy.nullable(),
  connected: z.boolean(),
  enrolledAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  /** Whether Remove passcode can run on this device, and why not when it cannot. */
  removePasscode: z.discriminatedUnion('supported', [
    z.strictObject({
      supported: z.literal(true),
      reason: z.null(),
      actionName: z.string(),
      edition: SupportEdition,
    }),
    z.strictObject({
      supported: z.literal(false),
      reason: z.string(),
      actionName: z.string(),
      edition: SupportEdition,
    }),
  ]),
  state: DeviceState,
  latestAction: ActionView.nullable(),
});
export type DeviceView = z.infer<typeof DeviceView>;

export const DeviceList = z.strictObject({ devices: z.array(DeviceView) });
export type DeviceList = z.infer<typeof DeviceList>;
