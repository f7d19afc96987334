// What a device's user can do; the simulator API accepts these and the agents apply them to the device.
import { z } from 'zod';

const Passcode = z.string().min(1).max(64);

export const UserInput = z.discriminatedUnion('type', [
  /** Unlock the device from the lock screen (no passcode needed when none is set). */
  z.strictObject({ type: z.literal('unlock'), passcode: Passcode.optional() }),
  z.strictObject({ type: z.literal('lock') }),
  z.strictObject({ type: z.literal('goHome') }),
  z.strictObject({ type: z.literal('openApp') }),
  z.strictObject({ type: z.literal('openSettings') }),
  z.strictObject({ type: z.literal('dismissPrompt') }),
  z.strictObject({ type: z.literal('tapNotification'), notificationId: z.string().min(1) }),
  /** Answer a work profile challenge: activate the reset token, or unlock the work profile. */
  z.strictObject({ type: z.literal('enterPasscode'), passcode: Passcode }),
  /** Set a new passcode (Settings, or the work profile's "set a new passcode" screen). */
  z.strictObject({ type: z.literal('setPasscode'), passcode: Passcode }),
]);
export type UserInput = z.infer<typeof UserInput>;
export type UserInputType = UserInput['type'];
