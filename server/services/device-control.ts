// The simulator's hands on the devices: act as a device's user, inject a fault, move the clock with the devices in
// step. The /sim routes and /health go through it and never touch the transport.
import type { ControllableClock } from '../../lib/controllable-clock.js';
import type { Fault } from '../../shared/faults.js';
import type { ClockState } from '../../shared/protocol.js';
import type { UserInput } from '../../shared/user-input.js';
import type { DeviceChannel, InputAnswer } from './device-channel.js';

export interface ClockChange {
  /** Simulated ms to move forward, firing every timer on the way. */
  advanceMs?: number | undefined;
  /** Simulated ms per real ms. */
  speed?: number | undefined;
}

export class DeviceControl {
  constructor(
    private readonly channel: DeviceChannel,
    private readonly clock: ControllableClock,
  ) {}

  /** Acts as the device's user and waits for its answer; rejects with DeviceOfflineError or DeviceTimeoutError. */
  actAsUser(deviceId: string, input: UserInput): Promise<InputAnswer> {
    return this.channel.forwardInput(deviceId, input);
  }

  /**
   * Injects a fault into the device's agent over its own connection; says whether it reached the agent. An offline
   * device hears only `online`, over the standby line its agent keeps while offline.
   */
  injectFault(deviceId: string, fault: Fault): boolean {
    const frame = { type: 'fault', fault } as const;
    return fault.kind === 'online'
      ? this.channel.sendControl(deviceId, frame)
      : this.channel.send(deviceId, frame);
  }

  /** Changes the speed, then advances; resolves once every connected device has fired the timers it crossed. */
  async changeClock(change: ClockChange): Promise<ClockState> {
    if (change.speed !== undefined) this.clock.setSpeed(change.speed);
    if (change.advanceMs !== undefined) this.clock.advance(change.advanceMs);
    await this.channel.settled();
    return this.clock.snapshot();
  }

  isConnected(deviceId: string): boolean {
    return this.channel.isConnected(deviceId);
  }

  connectedCount(): number {
    return this.channel.connectedCount();
  }
}
