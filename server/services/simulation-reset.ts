// The simulator's reset: every device (or a chosen few) back to its fleet starting state, so a demo can run again.
import type { ControllableClock } from '../../lib/controllable-clock.js';
import type { DeviceRecord, Store } from '../store/store.js';
import type { DeviceChannel } from './device-channel.js';
import type { SimulationEvents } from './simulation-events.js';

export interface ResetOutcome {
  /** Devices that went back to their starting state and reported it. */
  reset: string[];
  /** Devices that are not connected: their actions are cleared, but their screens cannot be reset until they are. */
  offline: string[];
  /** Ids asked for that no enrolled device has. */
  unknown: string[];
  /** Devices sent the reset that had not reported their starting state when the wait for them ran out (hung). */
  silent: string[];
}

export class SimulationReset {
  constructor(
    private readonly store: Store,
    private readonly events: SimulationEvents,
    private readonly clock: ControllableClock,
    private readonly channel: DeviceChannel,
    private readonly options: { startSpeed: number; replyTimeoutMs: number },
  ) {}

  /**
   * Clears the devices' actions (and so their audits and temporary passcodes) and queued commands, tells each
   * connected agent to start over from its fleet file, and sets the clock back to its starting speed. Kept: the
   * enrollments (ids, secrets, unlock tokens), the connections, and simulated time, which only moves forward.
   * Resolves once every connected device has reported its starting state.
   */
  async reset(deviceIds?: readonly string[]): Promise<ResetOutcome> {
    const known = this.store.devices.list();
    const asked = deviceIds ? new Set(deviceIds) : undefined;
    const chosen = asked ? known.filter((device) => asked.has(device.id)) : known;
    const knownIds = new Set(known.map((device) => device.id));
    const unknown = deviceIds ? deviceIds.filter((id) => !knownIds.has(id)) : [];
    for (const device of chosen) {
      for (const command of this.store.commands.pendingFor(device.id))
        this.store.commands.remove(command.commandId);
    }
    const chosenIds = chosen.map((device) => device.id);
    // One pass over the actions for all the chosen devices: one per device was quadratic in a large fleet.
    this.store.actions.removeFor(new Set(chosenIds));
    // Write-ahead: no device starts over before the cleared actions are on disk (a failed commit throws here).
    await this.store.committed();
    const reported = this.waitForStates();
    const reset: string[] = [];
    const offline: string[] = [];
    for (const device of chosen) {
      if (this.channel.send(device.id, { type: 'reset' })) reset.push(device.id);
      else offline.push(device.id);
    }
    reported.expect(reset);
    if (this.clock.snapshot().speed !== this.options.startSpeed) this.clock.setSpeed(this.options.startSpeed);
    await reported.done;
    this.events.emit('reset', { deviceIds: chosenIds });
    return { reset, offline, unknown, silent: reported.silent() };
  }

  /**
   * Listens for state reports before any reset is sent, then waits for one from each device `expect` names; a silent
   * device does not hold the answer up forever.
   */
  private waitForStates() {
    const waiting = new Set<string>();
    let finish = () => {};
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const onDevice = (device: DeviceRecord) => {
      waiting.delete(device.id);
      if (waiting.size === 0) stop();
    };
    const timer = setTimeout(() => stop(), this.options.replyTimeoutMs);
    const stop = () => {
      clearTimeout(timer);
      this.events.off('device', onDevice);
      finish();
    };
    this.events.on('device', onDevice);
    return {
      done,
      /** Who had not reported when the wait ended. */
      silent: () => [...waiting],
      expect: (ids: string[]) => {
        for (const id of ids) waiting.add(id);
        if (waiting.size === 0) stop();
      },
    };
  }
}
