// deviceActionResult and resetPasscodeActionResult as Graph publishes them (v1.0 CSDL complex types).
import { z } from 'zod';

export const ActionState = z.enum([
  'none',
  'pending',
  'canceled',
  'active',
  'done',
  'failed',
  'notSupported',
]);

const DeviceActionResultFields = {
  actionName: z.string().nullable(),
  actionState: ActionState,
  startDateTime: z.iso.datetime(),
  lastUpdatedDateTime: z.iso.datetime(),
};

export const ResetPasscodeActionResult = z.strictObject({
  '@odata.type': z.literal('#microsoft.graph.resetPasscodeActionResult'),
  ...DeviceActionResultFields,
  passcode: z.string().nullable(),
  errorCode: z.number().int(),
});
export type ResetPasscodeActionResult = z.infer<typeof ResetPasscodeActionResult>;

/** An element of managedDevice.deviceActionResults: the base type, or a derived one named by @odata.type. */
export const DeviceActionResult = z.union([
  ResetPasscodeActionResult,
  z.strictObject({ '@odata.type': z.string().optional(), ...DeviceActionResultFields }),
]);
export type DeviceActionResult = z.infer<typeof DeviceActionResult>;
