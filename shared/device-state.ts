// What a device's user sees and what the device reports about itself: one shape for server, console and runner.
import { z } from 'zod';

/** The screen in front of the user. Every view the emulated devices can show is listed here. */
export const ScreenView = z.enum([
  'lockScreen',
  'home',
  'app',
  /** Android work profile: a personal app, which the work profile's lock does not reach (protocol version 3). */
  'personalApp',
  'settings',
  'passcodeRequirement',
  'workProfileChallenge',
  'workProfileLocked',
  'setNewWorkProfilePasscode',
]);
export type ScreenView = z.infer<typeof ScreenView>;

export const Notification = z.strictObject({
  id: z.string(),
  title: z.string(),
  body: z.string(),
});
export type Notification = z.infer<typeof Notification>;

/** iOS's passcode requirement prompt: dismissible until the deadline, then required before any app opens. */
export const PasscodePrompt = z.strictObject({
  kind: z.literal('passcodeRequirement'),
  deadline: z.iso.datetime(),
  enforced: z.boolean(),
});
export type PasscodePrompt = z.infer<typeof PasscodePrompt>;

/** How Android names the lock by its passcode: a PIN (digits only) or a password (AOSP keyguard's two wordings). */
export const PasscodeKind = z.enum(['pin', 'password']);
export type PasscodeKind = z.infer<typeof PasscodeKind>;

export const ResetTokenState = z.enum(['none', 'inactive', 'active']);
export type ResetTokenState = z.infer<typeof ResetTokenState>;

export const DeviceState = z.strictObject({
  screen: z.strictObject({
    view: ScreenView,
    title: z.string(),
    /** Feedback for the last thing the user did, such as "Wrong passcode". */
    message: z.string().nullable(),
  }),
  locked: z.boolean(),
  passcodeSet: z.boolean(),
  /**
   * Android only: the kind of the current passcode, for the words its lock screen uses; null without a passcode and
   * on iOS or a computer. Optional so older agents still validate.
   */
  passcodeKind: PasscodeKind.nullable().optional(),
  /** Android work profile only: whether the work profile challenge has a passcode. */
  workProfilePasscodeSet: z.boolean().nullable(),
  /**
   * Android work profile only: whether the work profile is locked (after a reset) while the personal side stays
   * usable; `locked` is the whole device's lock screen. Optional so older agents still validate.
   */
  workProfileLocked: z.boolean().nullable().optional(),
  /** Android work profile only: the passcode reset token. */
  resetToken: ResetTokenState.nullable(),
  notifications: z.array(Notification),
  prompt: PasscodePrompt.nullable(),
  compliant: z.boolean(),
});
export type DeviceState = z.infer<typeof DeviceState>;
