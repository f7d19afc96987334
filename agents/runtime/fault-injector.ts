// One agent's injected faults: which commands it refuses or drops, and how late its frames leave; the agent obeys.
import type { Fault } from '../../shared/faults.js';

/** What the agent does with an incoming command while faults are set. */
export type CommandFate = 'run' | 'notNow' | 'drop';

/** The agent's side of the faults that change its connection. */
export interface FaultTarget {
  /** Disconnect and stay away; come back after `forMs` simulated ms when given. */
  goOffline(forMs: number | undefined): void;
  goOnline(): void;
}

export class FaultInjector {
  private notNowLeft = 0;
  private dropNextCommand = false;
  private latencyMs = 0;
  /** The real time the last delayed frame leaves, so frames never overtake one another. */
  private lastDue = 0;

  constructor(private readonly target: FaultTarget) {}

  apply(fault: Fault): void {
    switch (fault.kind) {
      case 'notNow':
        this.notNowLeft = fault.times;
        return;
      case 'dropConnectionOnCommand':
        this.dropNextCommand = true;
        return;
      case 'latency':
        this.latencyMs = fault.ms;
        return;
      case 'offline':
        this.target.goOffline(fault.forMs);
        return;
      case 'online':
        this.target.goOnline();
        return;
    }
  }

  /** Forgets the one-shot and latency faults (the simulator's reset); an offline spell is the agent's own. */
  clear(): void {
    this.notNowLeft = 0;
    this.dropNextCommand = false;
    this.latencyMs = 0;
  }

  /** Decides the fate of the command that just arrived, using up one-shot faults. */
  fateOfCommand(): CommandFate {
    if (this.dropNextCommand) {
      this.dropNextCommand = false;
      return 'drop';
    }
    if (this.notNowLeft > 0) {
      this.notNowLeft--;
      return 'notNow';
    }
    return 'run';
  }

  /** Runs `send` now, or after the injected latency in real time, keeping frames in order. */
  delay(send: () => void): void {
    if (this.latencyMs === 0 && this.lastDue <= Date.now()) {
      send();
      return;
    }
    const due = Math.max(Date.now() + this.latencyMs, this.lastDue);
    this.lastDue = due;
    setTimeout(send, due - Date.now()).unref();
  }
}
