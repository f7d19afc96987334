// What a device's user can do; the simulator API accepts these and the agents apply them to the device.
import { z } from 'zod';

const Passcode = z.string().min(1).max(64);

export const UserInput = z.discriminatedUnion('type', [
  /** Unlock the device from the lock screen (no passcode needed when none is set). */
  z.strictObject({ type: z.literal('unlock'), passcode: Passcode.optional() }),
  z.strictObject({ type: z.literal('lock') }),
  z.strictObject({ type: z.literal('goHome') }),
  /**
   * Open an app. On an Android work profile, `app` says which side: a personal app opens whatever the work profile's
   * state, a work app (the default) asks for the work profile passcode while the profile is locked. Elsewhere every
   * app is alike.
   */
  z.strictObject({ type: z.literal('openApp'), app: z.enum(['work', 'personal']).optional() }),
  z.strictObject({ type: z.literal('openSettings') }),
  z.strictObject({ type: z.literal('dismissPrompt') }),
  z.strictObject({ type: z.literal('tapNotification'), notificationId: z.string().min(1) }),
  /** Answer a work profile challenge: activate the reset token, or unlock the work profile. */
  z.strictObject({ type: z.literal('enterPasscode'), passcode: Passcode }),
  /**
   * Set a new passcode (Settings, or the work profile's "set a new passcode" screen). Changing a passcode in Settings
   * asks for the current one first (iOS: Face ID & Passcode › Change Passcode; Android: Settings' confirm-credential
   * step): `currentPasscode` is then required, and whenever it is given it must be the device's current passcode.
   */
  z.strictObject({
    type: z.literal('setPasscode'),
    passcode: Passcode,
    currentPasscode: Passcode.optional(),
  }),
]);
export type UserInput = z.infer<typeof UserInput>;

/**
 * The device protocol version that first carried this input (shared/protocol.ts): `currentPasscode` and `openApp`'s
 * `app` came with version 3, so an older agent's strict schema refuses them and the server does not send them to it.
 */
export function protocolVersionOf(input: UserInput): number {
  if (input.type === 'setPasscode' && input.currentPasscode !== undefined) return 3;
  if (input.type === 'openApp' && input.app !== undefined) return 3;
  return 1;
}
export type UserInputType = UserInput['type'];
