// Drives a device machine without an xstate actor: a fleet of ten thousand devices keeps ten thousand snapshots, not
// ten thousand actors with an actor system each (about 4 KB apiece), and an event costs one machine transition.
import {
  type AnyActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  createActor,
  type InputFrom,
  type SnapshotFrom,
} from 'xstate';
import type { Clock } from '../../lib/controllable-clock.js';
import type { DeviceEmitted, DeviceEvent } from '../machines/device-events.js';

/** Told after every event the machine handled (as an actor's subscribers are). */
export interface SnapshotObserver {
  machineChanged(): void;
}

/**
 * One actor scope per machine and clock, shared by every device running it, behaving as an actor's own: actions run
 * as they resolve, built-in effects (emit, delayed raise, cancel) are deferred to after the transition, and the
 * scheduler puts delayed events on the simulated clock for the device being handled. Transitions are synchronous, so
 * the scope serves one device at a time (`handling`).
 */
class SharedScope {
  readonly scope: AnyActorScope;
  handling: SnapshotRun<AnyStateMachine> | undefined;
  deferred: Array<() => void> = [];
  emitted: DeviceEmitted[] = [];
  /** Actions the scope has executed (emit, delayed raise, cancel, custom ones); assigns resolve without executing. */
  private executedActions = 0;
  /** The last initial snapshot whose making executed no action, and its input's JSON (without its own fields). */
  private lastInitial: { input: string; snapshot: AnyMachineSnapshot } | undefined;

  constructor(
    private readonly logic: AnyStateMachine,
    clock: Clock,
  ) {
    // Never started: it lends the scope a `self` and a system for action arguments, and runs nothing.
    const self = createActor(logic, { clock });
    const scheduler = {
      schedule: (_source: unknown, _target: unknown, event: DeviceEvent, delay: number, id: string) =>
        this.current().schedule(event, delay, id),
      cancel: (_source: unknown, id: string) => this.current().cancel(id),
      cancelAll: () => this.current().cancelTimers(),
    };
    this.scope = {
      self,
      id: self.id,
      sessionId: self.sessionId,
      logger: self.system._logger,
      defer: (fn: () => void) => this.deferred.push(fn),
      system: { ...self.system, scheduler },
      stopChild: () => undefined,
      emit: (emitted: DeviceEmitted) => this.emitted.push(emitted),
      actionExecutor: (action: {
        exec?: (info: unknown, params: unknown) => void;
        info: unknown;
        params: unknown;
      }) => {
        this.executedActions++;
        action.exec?.(action.info, action.params);
      },
    } as unknown as AnyActorScope;
  }

  private current(): SnapshotRun<AnyStateMachine> {
    if (!this.handling) throw new Error('A device machine effect ran outside the handling of an event.');
    return this.handling;
  }

  /**
   * `run`'s initial snapshot for `input`. A snapshot is an immutable value, so a device whose input is the previous
   * device's (a fleet entry's devices started in the same millisecond) gets the same one, as long as making it executed
   * no action: nothing scheduled, emitted or deferred that the device would then miss. A fleet builds its devices
   * entry by entry, so most of them share their first snapshot until their first event (xstate's initial macrostep
   * was about half of building a 10,000-device fleet).
   */
  initialSnapshot(
    run: SnapshotRun<AnyStateMachine>,
    input: Record<string, unknown>,
    ownFields: readonly string[],
  ): AnyMachineSnapshot {
    // Inputs are plain data (a fleet entry, a time, a token): their JSON says whether two are the same. A device's own
    // fields (`ownFields`) are left out of it: they go into the context as they are and decide nothing while starting.
    const shared =
      ownFields.length === 0
        ? input
        : Object.fromEntries(Object.entries(input).filter(([name]) => !ownFields.includes(name)));
    const key = JSON.stringify(shared);
    const last = this.lastInitial;
    if (last?.input === key) {
      if (ownFields.every((name) => last.snapshot.context[name] === input[name])) return last.snapshot;
      // The same start with the device's own values: the same state, entered without running the start again. Only
      // the context differs, so the snapshot is the shared one's with its own context (xstate's `assign` clones a
      // snapshot the same way); its state nodes, value and tags are the shared one's, not computed again per device.
      const context = { ...last.snapshot.context };
      for (const name of ownFields) context[name] = input[name];
      return { ...last.snapshot, context } as AnyMachineSnapshot;
    }
    const executedBefore = this.executedActions;
    const [snapshot] = this.handle(
      run,
      () => this.logic.getInitialSnapshot(this.scope, input) as AnyMachineSnapshot,
    );
    this.lastInitial = this.executedActions === executedBefore ? { input: key, snapshot } : undefined;
    return snapshot;
  }

  /** Runs `step` for `run`, then its deferred effects; returns the new snapshot and what was emitted. */
  handle(
    run: SnapshotRun<AnyStateMachine>,
    step: () => AnyMachineSnapshot,
  ): [AnyMachineSnapshot, DeviceEmitted[]] {
    const outer = { handling: this.handling, deferred: this.deferred, emitted: this.emitted };
    this.handling = run;
    this.deferred = [];
    this.emitted = [];
    try {
      const snapshot = step();
      run.snapshotNow = snapshot;
      for (let fn = this.deferred.shift(); fn; fn = this.deferred.shift()) fn();
      return [snapshot, this.emitted];
    } finally {
      this.handling = outer.handling;
      this.deferred = outer.deferred;
      this.emitted = outer.emitted;
    }
  }
}

const sharedScopes = new WeakMap<AnyStateMachine, WeakMap<Clock, SharedScope>>();

function sharedScopeOf(logic: AnyStateMachine, clock: Clock): SharedScope {
  let byClock = sharedScopes.get(logic);
  if (!byClock) {
    byClock = new WeakMap();
    sharedScopes.set(logic, byClock);
  }
  let shared = byClock.get(clock);
  if (!shared) {
    shared = new SharedScope(logic, clock);
    byClock.set(clock, shared);
  }
  return shared;
}

/**
 * One device's machine: its current snapshot, its delayed events on the clock, its observer. A class, not closures:
 * per device it costs its fields only.
 */
export class SnapshotRun<TLogic extends AnyStateMachine> {
  /** The current snapshot (set by the shared scope as soon as a transition returns). */
  snapshotNow: AnyMachineSnapshot;
  observer: SnapshotObserver | undefined;
  private timers: Map<string, number> | undefined;
  private stopped = false;
  private readonly shared: SharedScope;

  /**
   * Starts `logic` with `input` at its initial snapshot (running its entry effects) on `clock`. `ownFields` are the
   * input's fields that the machine copies into its context under the same names and reads nowhere while it starts (an
   * iPhone's unlock token): devices whose inputs differ only there start in the same state.
   */
  constructor(
    private readonly logic: TLogic,
    input: InputFrom<TLogic>,
    private readonly clock: Clock,
    ownFields: readonly string[] = [],
  ) {
    this.shared = sharedScopeOf(logic, clock);
    this.snapshotNow = this.shared.initialSnapshot(this, input as Record<string, unknown>, ownFields);
  }

  snapshot(): SnapshotFrom<TLogic> {
    return this.snapshotNow as SnapshotFrom<TLogic>;
  }

  /** Sends one event and returns what the machine emitted while handling it. */
  send(event: DeviceEvent): DeviceEmitted[] {
    if (this.stopped || this.snapshotNow.status !== 'active') return [];
    const [snapshot, emitted] = this.shared.handle(
      this,
      () => this.logic.transition(this.snapshotNow, event, this.shared.scope) as AnyMachineSnapshot,
    );
    if (snapshot.status === 'active' || snapshot.status === 'done') this.observer?.machineChanged();
    return emitted;
  }

  /** Cancels the delayed events; later events are ignored. */
  stop(): void {
    this.stopped = true;
    this.observer = undefined;
    this.cancelTimers();
  }

  schedule(event: DeviceEvent, delay: number, id: string): void {
    const timer = this.clock.setTimeout(() => {
      this.timers?.delete(id);
      this.send(event);
    }, delay);
    this.timers ??= new Map();
    this.timers.set(id, timer);
  }

  cancel(id: string): void {
    const timer = this.timers?.get(id);
    this.timers?.delete(id);
    if (timer !== undefined) this.clock.clearTimeout(timer);
  }

  cancelTimers(): void {
    for (const timer of this.timers?.values() ?? []) this.clock.clearTimeout(timer);
    this.timers = undefined;
  }
}
