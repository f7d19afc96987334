// Runs a device machine as a real actor on a paused ControllableClock and collects what it emits, per event sent.
import { type Actor, type AnyStateMachine, createActor, type InputFrom, type SnapshotFrom } from 'xstate';
import type { DeviceEmitted, DeviceEvent } from '../../../agents/machines/device-events.js';
import { ControllableClock } from '../../../lib/controllable-clock.js';
import type { CommandRequest, CommandResult } from '../../../shared/commands.js';

/** A fixed simulated instant: the seed document's date, 09:00 UTC. */
export const T0 = Date.UTC(2018, 2, 29, 9, 0, 0);

export const pausedClock = (now: number = T0) => new ControllableClock({ now, speed: 0 });

export interface MachineHarness<TLogic extends AnyStateMachine> {
  actor: Actor<TLogic>;
  clock: ControllableClock;
  /** Everything emitted since the actor started. */
  emitted: DeviceEmitted[];
  /** Sends one event and returns what the machine emitted while handling it. */
  send(event: DeviceEvent): DeviceEmitted[];
  /** Sends an MDM command stamped with the clock's time and returns its result (undefined if none). */
  command(request: CommandRequest, commandId?: string): CommandResult | undefined;
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
  const actor = createActor(logic as AnyStateMachine, { input, clock }) as unknown as Actor<TLogic>;
  const emitted: DeviceEmitted[] = [];
  let current: DeviceEmitted[] = [];
  actor.on('*', (event: DeviceEmitted) => {
    emitted.push(event);
    current.push(event);
  });
  actor.start();
  const send = (event: DeviceEvent): DeviceEmitted[] => {
    current = [];
    actor.send(event as never);
    const collected = current;
    current = [];
    return collected;
  };
  return {
    actor,
    clock,
    emitted,
    send,
    command(request, commandId = 'cmd-1') {
      const result = send({ type: 'command', commandId, request, now: clock.now() }).find(
        (e) => e.type === 'result',
      );
      return result?.type === 'result' ? result.result : undefined;
    },
    refusalOf(event) {
      const refusal = send(event).find((e) => e.type === 'refused');
      return refusal?.type === 'refused' ? refusal.reason : null;
    },
    snapshot: () => actor.getSnapshot() as SnapshotFrom<TLogic>,
    stop: () => {
      actor.stop();
      clock.stop();
    },
  };
}
