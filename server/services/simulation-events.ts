// The live feed of what changes in the simulation, which the event stream, the console and the runner all read.
import { EventEmitter } from 'node:events';
import type { ClockState } from '../../shared/protocol.js';
import type { GraphIncident } from '../../shared/sim/graph-incident.js';
import type { ActionRecord, DeviceRecord } from '../store/store.js';

export interface SimulationEventMap {
  device: [DeviceRecord];
  action: [ActionRecord];
  clock: [ClockState];
  /** Graph throttled an admin request or an injected admin-side fault fired. */
  graph: [GraphIncident];
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
