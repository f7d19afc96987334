// The events every emulated device takes and the events it emits, shared by the platform machines and the runtime.
import type { CommandRequest, CommandResult } from '../../shared/commands.js';
import { DeviceErrorCode } from '../../shared/commands.js';
import type { PasscodePolicy } from '../../shared/policy.js';
import type { UserInput } from '../../shared/user-input.js';

/** An MDM command as the runtime hands it to the machine, stamped with the simulated time it arrived. */
export interface CommandEvent {
  type: 'command';
  commandId: string;
  request: CommandRequest;
  now: number;
}

/** Raised by a machine on the simulated clock when a passcode lockout is over (see passcode-entry.ts). */
export interface LockoutEndedEvent {
  type: 'passcodeLockoutEnded';
}

export type DeviceEvent = UserInput | CommandEvent | LockoutEndedEvent;

/** What a machine tells its runtime: a command's result, or that the user's input was refused (and why). */
export type DeviceEmitted =
  | { type: 'result'; result: CommandResult }
  /** `lockoutMs`: the refusal locked passcode entry out for this long (simulated ms). */
  | { type: 'refused'; reason: string; lockoutMs?: number };
export type CommandAnswer = Extract<DeviceEmitted, { type: 'result' }>;

/** What every machine starts from: the device as the fleet file describes it at enrollment. */
export interface DeviceMachineInput {
  osVersion: string;
  passcode: string | null;
  policy: PasscodePolicy | null;
  /** Simulated time at enrollment. */
  now: number;
  /** Wrong passcodes and a lockout kept from before the agents restarted (agents/runtime/lockout-store.ts). */
  restoredLockout?: RestoredLockout;
}

/** Passcode entry as it was before a restart: the count of wrong passcodes, and the lockout message if one ran. */
export interface RestoredLockout {
  failedAttempts: number;
  lockout: string | null;
}

export const acknowledged = (commandId: string): CommandAnswer => ({
  type: 'result',
  result: { commandId, status: 'Acknowledged' },
});

export const commandFailed = (
  commandId: string,
  errorCode: DeviceErrorCode,
  errorDomain: string,
  description: string,
): CommandAnswer => ({
  type: 'result',
  result: {
    commandId,
    status: 'Error',
    errorCode,
    errorChain: [{ errorCode, errorDomain, localizedDescription: description }],
  },
});

/** The answer to a request type the device does not know (Apple's CommandFormatError). */
export const commandFormatError = (commandId: string): CommandAnswer => ({
  type: 'result',
  result: { commandId, status: 'CommandFormatError', errorCode: DeviceErrorCode.UnsupportedCommand },
});

export const refused = (reason: string, lockoutMs?: number): DeviceEmitted => ({
  type: 'refused',
  reason,
  ...(lockoutMs ? { lockoutMs } : {}),
});

export const WRONG_PASSCODE = 'Wrong passcode. Try again.';
export const PASSCODE_REFUSED = 'Passcode refused.';
