// Simulated time for the server and the agents: real time, faster, paused, or jumped ahead, with one real timer in all.
import type { ActorOptions, AnyActorLogic } from 'xstate';
import type { ClockState } from '../shared/protocol.js';

/** The clock interface xstate schedules delayed events on. */
export type Clock = NonNullable<ActorOptions<AnyActorLogic>['clock']>;

/** Below this many held timers, cancelled ones are left for the heap to drop as they come up. */
const COMPACT_FROM = 64;

interface Timer {
  id: number;
  due: number;
  seq: number;
  fn: () => void;
}

/**
 * An xstate `Clock` whose time is the simulation's. However many timers are set, at most one real `setTimeout` is
 * pending (for the earliest), so ten thousand waiting devices cost no more than one.
 */
export class ControllableClock implements Clock {
  private anchorSimulated: number;
  private anchorReal: number;
  private speed: number;
  private readonly heap: Timer[] = [];
  private readonly live = new Map<number, Timer>();
  private nextId = 1;
  private nextSeq = 0;
  private realTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(snapshot: ClockState) => void>();

  constructor(
    initial: Partial<ClockState> = {},
    private readonly realNow: () => number = Date.now,
  ) {
    this.anchorReal = realNow();
    this.anchorSimulated = initial.now ?? this.anchorReal;
    this.speed = initial.speed ?? 1;
  }

  now(): number {
    return Math.floor(this.anchorSimulated + (this.realNow() - this.anchorReal) * this.speed);
  }

  snapshot(): ClockState {
    return { now: this.now(), speed: this.speed };
  }

  setTimeout(fn: (...args: unknown[]) => void, timeout: number): number {
    const timer: Timer = {
      id: this.nextId++,
      due: this.now() + Math.max(0, timeout),
      seq: this.nextSeq++,
      fn,
    };
    this.live.set(timer.id, timer);
    this.push(timer);
    // The real timer already fires no later than the heap's top; only a new earliest timer needs it moved.
    if (this.realTimer === undefined || this.heap[0] === timer) this.armRealTimer();
    return timer.id;
  }

  clearTimeout(id: number): void {
    if (!this.live.delete(id)) return;
    // A cancelled timer stays in the heap until it comes up, holding its callback (a device's stopped machine run) till
    // then, which a paused clock never reaches: once cancelled ones are most of the heap, it is rebuilt without them.
    if (this.heap.length >= COMPACT_FROM && this.heap.length > 2 * this.live.size) this.compact();
  }

  /** Moves simulated time forward, firing every timer that falls due on the way, in order. */
  advance(ms: number): ClockState {
    this.runUntil(this.now() + Math.max(0, ms));
    return this.changed();
  }

  setSpeed(speed: number): ClockState {
    this.reanchor(this.now());
    this.speed = speed;
    this.armRealTimer();
    return this.changed();
  }

  /**
   * Adopts the authoritative clock's state (the server's). Timers falling due on the way forward fire; if this clock
   * ran ahead (it started before it heard from the server), it steps back to the server's time.
   */
  sync(snapshot: ClockState): void {
    if (snapshot.now > this.now()) this.runUntil(snapshot.now);
    this.speed = snapshot.speed;
    this.reanchor(snapshot.now);
    this.armRealTimer();
  }

  /** Called after advance and setSpeed, so the server can tell every device. */
  onChange(listener: (snapshot: ClockState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  pendingTimers(): number {
    return this.live.size;
  }

  /** Timers the clock holds: the pending ones and cancelled ones not yet dropped (never more than about twice as many). */
  heldTimers(): number {
    return this.heap.length;
  }

  stop(): void {
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = undefined;
    this.live.clear();
    this.heap.length = 0;
  }

  private changed(): ClockState {
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
    return snapshot;
  }

  private reanchor(simulated: number): void {
    this.anchorSimulated = simulated;
    this.anchorReal = this.realNow();
  }

  private runUntil(target: number): void {
    for (let timer = this.peekLive(); timer && timer.due <= target; timer = this.peekLive()) {
      this.pop();
      this.live.delete(timer.id);
      if (timer.due > this.now()) this.reanchor(timer.due);
      timer.fn();
    }
    if (target > this.now()) this.reanchor(target);
    this.armRealTimer();
  }

  private armRealTimer(): void {
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = undefined;
    const next = this.peekLive();
    if (!next || this.speed <= 0) return;
    const wait = Math.min(Math.max(0, (next.due - this.now()) / this.speed), 2 ** 31 - 1);
    this.realTimer = setTimeout(() => {
      this.realTimer = undefined;
      this.runUntil(this.now());
    }, Math.ceil(wait));
    this.realTimer.unref();
  }

  /** The heap without its cancelled timers: sorted by (due, seq), which is a valid heap. */
  private compact(): void {
    const kept = this.heap.filter((timer) => this.live.has(timer.id));
    kept.sort((a, b) => (this.before(a, b) ? -1 : 1));
    this.heap.length = 0;
    // One at a time: a spread into push passes every timer as an argument, past V8's limit from about 125,000.
    for (const timer of kept) this.heap.push(timer);
  }

  private peekLive(): Timer | undefined {
    while (this.heap.length > 0 && !this.live.has(this.heap[0]?.id ?? -1)) this.pop();
    return this.heap[0];
  }

  private before(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i] as Timer, heap[parent] as Timer)) break;
      [heap[i], heap[parent]] = [heap[parent] as Timer, heap[i] as Timer];
      i = parent;
    }
  }

  private pop(): Timer | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && this.before(heap[left] as Timer, heap[smallest] as Timer)) smallest = left;
        if (right < heap.length && this.before(heap[right] as Timer, heap[smallest] as Timer))
          smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest] as Timer, heap[i] as Timer];
        i = smallest;
      }
    }
    return top;
  }
}
