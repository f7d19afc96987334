// What the services need from the device transport: send a frame, ask a question. The gateway implements it.
import type { ServerMessage } from '../../shared/protocol.js';
import type { UserInput } from '../../shared/user-input.js';

export type InputAnswer = { accepted: true } | { accepted: false; reason: string };

export interface DeviceChannel {
  /** Sends a frame if the device is connected; says whether it was sent. */
  send(deviceId: string, message: ServerMessage): boolean;
  /** Sends a frame to every connected device. */
  broadcast(message: ServerMessage): void;
  /** Forwards a user input to the device and waits for its answer; rejects with DeviceOfflineError. */
  forwardInput(deviceId: string, input: UserInput): Promise<InputAnswer>;
}

export class DeviceOfflineError extends Error {
  constructor(deviceId: string) {
    super(`Device ${deviceId} is not connected.`);
    this.name = 'DeviceOfflineError';
  }
}

export class DeviceTimeoutError extends Error {
  constructor(deviceId: string) {
    super(`Device ${deviceId} did not answer in time.`);
    this.name = 'DeviceTimeoutError';
  }
}
