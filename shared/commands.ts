// MDM commands and their results, modelled on Apple MDM's command loop and Android's resetPassword.
import { z } from 'zod';
import { type EnrollmentKind, operatingSystemOf } from './enrollment.js';

/** Android DevicePolicyManager flags for resetPassword. */
export const ResetPasswordFlag = {
  REQUIRE_ENTRY: 1,
  DO_NOT_ASK_CREDENTIALS_ON_BOOT: 2,
} as const;

export const CommandRequest = z.discriminatedUnion('requestType', [
  /** Apple's ClearPasscode: the unlock token is the one the device sent at enrollment (TokenUpdate). */
  z.strictObject({ requestType: z.literal('ClearPasscode'), unlockToken: z.string().optional() }),
  /** Android's resetPassword / resetPasswordWithToken with the passcode the server generated. */
  z.strictObject({
    requestType: z.literal('ResetPassword'),
    newPassword: z.string().min(1),
    flags: z.number().int().min(0),
  }),
]);
export type CommandRequest = z.infer<typeof CommandRequest>;
export type RequestType = CommandRequest['requestType'];

/**
 * The command Remove/Reset passcode sends a device of this enrollment: iOS/iPadOS removes its passcode with the unlock
 * token it gave at enrollment (without one when it gave none); Android sets `newPassword()` and asks for it at once.
 */
export function passcodeCommandFor(
  enrollment: EnrollmentKind,
  unlockToken: string | null | undefined,
  newPassword: () => string,
): CommandRequest {
  if (operatingSystemOf[enrollment] === 'iOS') {
    return unlockToken === null || unlockToken === undefined
      ? { requestType: 'ClearPasscode' }
      : { requestType: 'ClearPasscode', unlockToken };
  }
  return { requestType: 'ResetPassword', newPassword: newPassword(), flags: ResetPasswordFlag.REQUIRE_ENTRY };
}

export const CommandStatus = z.enum(['Acknowledged', 'Error', 'NotNow', 'CommandFormatError']);
export type CommandStatus = z.infer<typeof CommandStatus>;

/** Apple's ErrorChain entry. */
export const ErrorChainEntry = z.strictObject({
  errorCode: z.number().int(),
  errorDomain: z.string(),
  localizedDescription: z.string(),
});
export type ErrorChainEntry = z.infer<typeof ErrorChainEntry>;

/**
 * Why a device refused a command. Each maps to the numeric errorCode that Graph's resetPasscodeActionResult shows.
 */
export const DeviceErrorCode = {
  /** iOS: the unlock token in ClearPasscode is missing or is not the device's. */
  UnlockTokenInvalid: 1001,
  /** iOS: ClearPasscode on a User Enrollment, which Apple forbids. */
  NotAllowedInUserEnrollment: 1002,
  /** Android work profile: the user has not activated the passcode reset token. */
  ResetTokenNotActive: 2001,
  /** Android work profile: no work profile passcode is required, so there is no reset token. */
  NoPasscodeRequirement: 2002,
  /** Android device administrator 7.0+: the API refuses to change an existing passcode. */
  ChangeRefusedByOs: 2003,
  /** The device does not know this command. */
  UnsupportedCommand: 3001,
} as const;
export type DeviceErrorCode = (typeof DeviceErrorCode)[keyof typeof DeviceErrorCode];

export const CommandResult = z.strictObject({
  commandId: z.string().min(1),
  status: CommandStatus,
  errorCode: z.number().int().optional(),
  errorChain: z.array(ErrorChainEntry).optional(),
});
export type CommandResult = z.infer<typeof CommandResult>;
