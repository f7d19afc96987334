// What the services need from the device transport: send a frame, ask a question. The gateway implements it.
import type { ClockState, ServerMessage } from '../../shared/protocol.js';
import type { UserInput } from '../../shared/user-input.js';

export type InputAnswer = { accepted: true } | { accepted: false; reason: string };

export interface DeviceChannel {
  /** Sends a frame if the device is connected; says whether it was sent. */
  send(deviceId: string, message: ServerMessage): boolean;
  /** Sends a frame to every connected device. */
  broadcast(message: ServerMessage): void;
  /** Forwards a user input to the device and waits for its answer; rejects with DeviceOfflineError. */
  forwardInput(deviceId: string, input: UserInput): Promise<InputAnswer>;
  /** Sends a simulator control frame on the device's session, or on its standby line while it is offline. */
  sendControl(deviceId: string, message: ServerMessage): boolean;
  /** Tells every device, offline ones on standby too, that the clock changed; `settled()` waits for their acks. */
  broadcastClock(clock: ClockState): void;
  /** Resolves once every device has taken in the latest clock change (or a bound ran out). */
  settled(): Promise<void>;
  isConnected(deviceId: string): boolean;
  connectedCount(): number;
}

/** The Fastify plugin that provides `app.deviceChannel`; the services plugin declares it as a dependency. */
export const DEVICE_CHANNEL_PLUGIN = 'device-channel';

declare module 'fastify' {
  interface FastifyInstance {
    /** The device transport, as the services see it; the gateway's plugin provides it. */
    deviceChannel: DeviceChannel;
  }
}

export class DeviceOfflineError extends Error {
  constructor(deviceId: string) {
    super(`Device ${deviceId} is not connected.`);
    this.name = 'DeviceOfflineError';
  }
}

/** The device's agent speaks a protocol version too old to carry the input (its schema would refuse the frame). */
export class AgentTooOldError extends Error {
  constructor(deviceId: string, spoken: number, needed: number) {
    super(
      `Device ${deviceId}'s agent speaks protocol version ${spoken}, which cannot carry this input (version ${needed} can): update the agents.`,
    );
    this.name = 'AgentTooOldError';
  }
}

export class DeviceTimeoutError extends Error {
  constructor(deviceId: string) {
    super(`Device ${deviceId} did not answer in time.`);
    this.name = 'DeviceTimeoutError';
  }
}
