// The live feed of what changes in the simulation, which the event stream, the console and the runner all read.
import { EventEmitter } from 'node:events';
import type { ClockSnapshot } from '../../lib/controllable-clock.js';
import type { ActionRecord, DeviceRecord } from '../store/store.js';

export interface SimulationEventMap {
  device: [DeviceRecord];
  action: [ActionRecord];
  clock: [ClockSnapshot];
  /** The simulator put these devices back to their starting state; their actions are gone. */
  reset: [{ deviceIds: string[] }];
}

export class SimulationEvents extends EventEmitter<SimulationEventMap> {
  constructor() {
    super();
    // Every open event stream listens; there is no meaningful bound.
    this.setMaxListeners(0);
  }
}
