// Runs a device machine through the runtime's own glue on a paused ControllableClock, collecting what it emits.
import type { AnyStateMachine, InputFrom, SnapshotFrom } from 'xstate';
import type { DeviceEmitted, DeviceEvent } from '../../../agents/machines/device-events.js';
import { runMachine } from '../../../agents/runtime/emulated-device.js';
import { ControllableClock } from '../../../lib/controllable-clock.js';
import type { CommandRequest, CommandResult } from '../../../shared/commands.js';

/** A fixed simulated instant: the seed document's date, 09:00 UTC. */
export const T0 = Date.UTC(2018, 2, 29, 9, 0, 0);

export const pausedClock = (now: number = T0) => new ControllableClock({ now, speed: 0 });

export interface MachineHarness<TLogic extends AnyStateMachine> {
  clock: ControllableClock;
  /** Sends one event and returns what the machine emitted while handling it. */
  send(event: DeviceEvent): DeviceEmitted[];
  /** Sends an MDM command stamped with the clock's time and returns its answer, as the agent would send it. */
  command(request: CommandRequest, commandId?: string): CommandResult;
  /** Sends a user input and returns the refusal reason, or null when nothing was refused. */
  refusalOf(event: DeviceEvent): string | null;
  snapshot(): SnapshotFrom<TLogic>;
  stop(): void;
}

export function startMachine<TLogic extends AnyStateMachine>(
  logic: TLogic,
  input: InputFrom<TLogic>,
  clock: ControllableClock = pausedClock(),
): MachineHarness<TLogic> {
  // The runtime's own glue (what every emulated device runs), so these tests cover it too.
  const run = runMachine(logic, input, clock);
  return {
    clock,
    send: (event) => run.send(event),
    command: (request, commandId = 'cmd-1') => run.runCommand(commandId, request, clock.now()),
    refusalOf(event) {
      const refusal = run.send(event).find((e) => e.type === 'refused');
      return refusal?.type === 'refused' ? refusal.reason : null;
    },
    snapshot: () => run.snapshot(),
    stop: () => {
      run.stop();
      clock.stop();
    },
  };
}
