// The WebSocket contract between server and device agents: every frame, in both directions, with its close codes.
import { z } from 'zod';
import { CommandRequest, CommandResult } from './commands.js';
import { DeviceState } from './device-state.js';
import { Fault } from './faults.js';
import { Inventory } from './inventory.js';
import { UserInput } from './user-input.js';

/**
 * The version agents speak. 2: a device's state may carry `passcodeKind`; 3: its screen may be `personalApp` (an
 * Android work profile's personal side). An older server's strict schema refuses either, so the agent says its
 * version and such a server refuses it by version (UnsupportedProtocol, a final close naming the versions it speaks)
 * instead of a hello that only fails to validate. Servers still take the older versions.
 */
export const PROTOCOL_VERSION = 3;
/**
 * Versions a server takes. Every frame an older agent sends is a valid frame of the newer versions; the other way, the
 * server sends an older agent no input its version cannot read (`protocolVersionOf` in shared/user-input.ts): the
 * simulator API refuses such an input with 409 AgentTooOld.
 */
export const SUPPORTED_PROTOCOL_VERSIONS = [1, 2, PROTOCOL_VERSION] as const;

/** The path agents connect to. */
export const GATEWAY_PATH = '/devices/connect';

const DeviceId = z.uuid();
const RequestId = z.string().min(1).max(64);

/** The simulated clock: what time it is on the simulation and how fast simulated time runs. */
export const ClockState = z.strictObject({
  now: z.number().int().nonnegative(),
  speed: z.number().min(0).max(100_000),
});
export type ClockState = z.infer<typeof ClockState>;

export const DeviceMessage = z.discriminatedUnion('type', [
  /** First frame on every connection. A new device enrolls with the enrollment token; a known one proves its secret. */
  z.strictObject({
    type: z.literal('hello'),
    protocolVersion: z.literal(SUPPORTED_PROTOCOL_VERSIONS),
    deviceId: DeviceId,
    deviceSecret: z.string().min(16).max(256),
    enrollmentToken: z.string().min(1).max(256),
    fleet: z.string().min(1).max(128),
    inventory: Inventory,
    state: DeviceState,
    /**
     * A control line for a device that is offline (an `offline` fault): the device stays offline for the server, which
     * sends this connection only clock and fault frames, so the simulator can bring it back (`online`).
     */
    standby: z.boolean().optional(),
  }),
  /** The device's state changed (passcode, screen, notification, prompt, token, compliance). */
  z.strictObject({ type: z.literal('state'), state: DeviceState }),
  /** The result of a command, idempotent by commandId, with the state the command left when that changed. */
  z.strictObject({ type: z.literal('result'), result: CommandResult, state: DeviceState.optional() }),
  /**
   * The device has taken in the clock frame with this sequence number: every timer it crossed has fired and every
   * state change that followed was reported before this frame. The server's settle barrier waits for it.
   */
  z.strictObject({ type: z.literal('clockAck'), seq: z.number().int().nonnegative() }),
  /** The answer to a user input the server forwarded. */
  z.strictObject({
    type: z.literal('inputResult'),
    requestId: RequestId,
    accepted: z.boolean(),
    reason: z.string().optional(),
  }),
]);
export type DeviceMessage = z.infer<typeof DeviceMessage>;

export const ServerMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('welcome'), deviceId: DeviceId, clock: ClockState }),
  z.strictObject({ type: z.literal('command'), commandId: z.string().min(1), request: CommandRequest }),
  z.strictObject({ type: z.literal('input'), requestId: RequestId, input: UserInput }),
  /** The simulated clock changed; a frame with `seq` asks for a clockAck once the device has settled. */
  z.strictObject({
    type: z.literal('clock'),
    clock: ClockState,
    seq: z.number().int().nonnegative().optional(),
  }),
  /** A fault the simulator injects into this device (scenarios and tests only). */
  z.strictObject({ type: z.literal('fault'), fault: Fault }),
  /** The simulator's reset: the device goes back to how its fleet file started it, then reports its state. */
  z.strictObject({ type: z.literal('reset') }),
  /** A frame the server could not accept; the connection stays open unless a close follows. */
  z.strictObject({ type: z.literal('protocolError'), code: z.string(), message: z.string() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** WebSocket close codes (4000-4999 are the application's), with what each means. */
export const CloseCode = {
  /** The first frame was not a valid hello. */
  HelloRequired: 4000,
  /** The hello's credentials do not match the device's (or the enrollment token is wrong). */
  Unauthorized: 4001,
  /** The hello did not come in time. */
  HelloTimeout: 4002,
  /** The same device connected again with the right credentials; this older session ends. */
  SessionReplaced: 4003,
  /** The client speaks another protocol version. */
  UnsupportedProtocol: 4004,
  /** The server is shutting down; reconnect later. */
  ServerShutdown: 4005,
  /** Too many malformed frames. */
  TooManyProtocolErrors: 4006,
  /** The device does not read its frames fast enough: the server's buffer for it filled up. */
  SlowConsumer: 4007,
  /** The device sent frames faster than its per-device rate limit allows. */
  RateLimited: 4008,
} as const;

/** Standard close codes the gateway uses for frames it cannot read or failed to handle (RFC 6455, section 7.4.1). */
export const FrameCloseCode = {
  /** A text frame that is not valid UTF-8. */
  InvalidPayload: 1007,
  /** A frame larger than the gateway accepts. */
  MessageTooBig: 1009,
  /**
   * The server failed to handle a valid frame (its store refused the change, or a bug): the device reconnects, and
   * whatever was on this connection is sent again on its next session.
   */
  InternalError: 1011,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Codes of protocolError frames. */
export const ProtocolErrorCode = {
  InvalidJson: 'InvalidJson',
  InvalidMessage: 'InvalidMessage',
  UnknownCommand: 'UnknownCommand',
  UnexpectedHello: 'UnexpectedHello',
} as const;
