// The simulation clock: timers fire in simulated time, in order, with at most one real timer behind them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ControllableClock } from '../../lib/controllable-clock.js';
import type { ClockState } from '../../shared/protocol.js';

const T0 = Date.UTC(2018, 2, 29, 9, 0, 0);
const clocks: ControllableClock[] = [];
function paused(now = T0) {
  const clock = new ControllableClock({ now, speed: 0 });
  clocks.push(clock);
  return clock;
}
afterEach(() => {
  for (const clock of clocks.splice(0)) clock.stop();
  vi.restoreAllMocks();
});

describe('ControllableClock', () => {
  it('starts at the given time and stands still at speed 0', () => {
    const clock = paused();
    expect(clock.snapshot()).toEqual({ now: T0, speed: 0 });
    expect(clock.now()).toBe(T0);
  });

  it('fires timers in due order on advance, at their due time', () => {
    const clock = paused();
    const fired: Array<[string, number]> = [];
    clock.setTimeout(() => fired.push(['c', clock.now()]), 300);
    clock.setTimeout(() => fired.push(['a', clock.now()]), 100);
    clock.setTimeout(() => fired.push(['b', clock.now()]), 200);
    clock.setTimeout(() => fired.push(['late', clock.now()]), 10_000);
    clock.advance(300);
    expect(fired).toEqual([
      ['a', T0 + 100],
      ['b', T0 + 200],
      ['c', T0 + 300],
    ]);
    expect(clock.now()).toBe(T0 + 300);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('fires timers due at the same time in the order they were set', () => {
    const clock = paused();
    const fired: number[] = [];
    for (let i = 0; i < 20; i++) clock.setTimeout(() => fired.push(i), 50);
    clock.advance(50);
    expect(fired).toEqual([...Array(20).keys()]);
  });

  it('fires timers scheduled while firing when they fall within the advance window, and only those', () => {
    const clock = paused();
    const fired: Array<[string, number]> = [];
    clock.setTimeout(() => {
      fired.push(['first', clock.now()]);
      clock.setTimeout(() => fired.push(['inside', clock.now()]), 400);
      clock.setTimeout(() => fired.push(['outside', clock.now()]), 600);
    }, 500);
    clock.advance(1000);
    expect(fired).toEqual([
      ['first', T0 + 500],
      ['inside', T0 + 900],
    ]);
    expect(clock.now()).toBe(T0 + 1000);
    clock.advance(100);
    expect(fired.at(-1)).toEqual(['outside', T0 + 1100]);
  });

  it('does not fire a cleared timer', () => {
    const clock = paused();
    const fn = vi.fn();
    const keep = vi.fn();
    const id = clock.setTimeout(fn, 100);
    clock.setTimeout(keep, 100);
    clock.clearTimeout(id);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(1000);
    expect(fn).not.toHaveBeenCalled();
    expect(keep).toHaveBeenCalledOnce();
  });

  it('drops cancelled timers once they are most of what it holds, and still fires the rest in order', () => {
    const clock = paused();
    const fired: number[] = [];
    const ids = Array.from({ length: 1_000 }, (_, i) => clock.setTimeout(() => fired.push(i), 1_000 - i));
    // A device reset cancels its timers; on a paused clock nothing would ever drop them.
    for (const [i, id] of ids.entries()) if (i % 10 !== 0) clock.clearTimeout(id);
    expect(clock.pendingTimers()).toBe(100);
    expect(clock.heldTimers()).toBeLessThanOrEqual(2 * 100);
    clock.advance(1_000);
    expect(fired).toEqual(Array.from({ length: 100 }, (_, k) => 990 - 10 * k));
  });

  it('keeps more timers through a drop than a call can take as arguments', () => {
    const clock = paused();
    const ids = Array.from({ length: 270_000 }, (_, i) => clock.setTimeout(() => {}, i + 1));
    // The drop comes when the cancelled pass half: 134,999 timers are kept.
    for (const id of ids.slice(0, 135_001)) clock.clearTimeout(id);
    expect(clock.pendingTimers()).toBe(134_999);
    expect(clock.heldTimers()).toBe(134_999);
  });

  it('never fires on its own at speed 0 and arms no real timer', () => {
    const realSetTimeout = vi.spyOn(globalThis, 'setTimeout');
    const clock = paused();
    const fn = vi.fn();
    clock.setTimeout(fn, 0);
    clock.setTimeout(fn, 1);
    expect(realSetTimeout).not.toHaveBeenCalled();
    expect(fn).not.toHaveBeenCalled();
    expect(clock.now()).toBe(T0);
  });

  it('fires a zero-delay timer on advance(0)', () => {
    const clock = paused();
    const fn = vi.fn();
    clock.setTimeout(fn, 0);
    clock.advance(0);
    expect(fn).toHaveBeenCalledOnce();
  });

  it('keeps at most one real timer pending however many simulated timers are set', () => {
    const live = new Set<unknown>();
    const realSetTimeout = globalThis.setTimeout;
    const realClearTimeout = globalThis.clearTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      const handle = realSetTimeout(fn, ms);
      live.add(handle);
      return handle;
    }) as typeof setTimeout);
    vi.spyOn(globalThis, 'clearTimeout').mockImplementation(((handle: NodeJS.Timeout) => {
      live.delete(handle);
      realClearTimeout(handle);
    }) as typeof clearTimeout);
    const clock = new ControllableClock({ now: T0, speed: 1 }, () => 0); // real time stands still
    clocks.push(clock);
    for (let i = 0; i < 10_000; i++) clock.setTimeout(() => {}, 60_000 + i);
    expect(clock.pendingTimers()).toBe(10_000);
    expect(live.size).toBe(1);
    clock.advance(60_000 + 4_999);
    expect(clock.pendingTimers()).toBe(5_000);
    expect(live.size).toBe(1);
    clock.stop();
    expect(live.size).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  });

  // Without the move, the 5 ms timer would wait behind the 60 s one: the test then fails on its 2 s timeout.
  it('moves its real timer only for a new earliest timer, and then fires that one first', async () => {
    const armed = vi.spyOn(globalThis, 'setTimeout');
    const clock = new ControllableClock({ now: T0, speed: 1 });
    clocks.push(clock);
    clock.setTimeout(() => {}, 60_000);
    for (let i = 1; i <= 1_000; i++) clock.setTimeout(() => {}, 60_000 + i);
    expect(armed).toHaveBeenCalledTimes(1);
    armed.mockRestore();
    const firedAt = await new Promise<number>((resolve) => {
      clock.setTimeout(() => resolve(clock.now()), 5);
    });
    expect(firedAt - T0).toBeGreaterThanOrEqual(5);
    expect(clock.pendingTimers()).toBe(1_001);
  }, 2_000);

  it('fires a timer in real time when running (speed > 0)', async () => {
    const clock = new ControllableClock({ now: T0, speed: 1000 });
    clocks.push(clock);
    const firedAt = await new Promise<number>((resolve) => {
      clock.setTimeout(() => resolve(clock.now()), 50);
    });
    expect(firedAt).toBeGreaterThanOrEqual(T0 + 50);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('runs at the set speed against real time', () => {
    let real = 1_000;
    const clock = new ControllableClock({ now: T0, speed: 1 }, () => real);
    clocks.push(clock);
    real += 10;
    expect(clock.now()).toBe(T0 + 10);
    clock.setSpeed(60);
    real += 10;
    expect(clock.now()).toBe(T0 + 10 + 600);
    clock.setSpeed(0);
    real += 10_000;
    expect(clock.now()).toBe(T0 + 610);
  });

  it('tells onChange listeners about advance and setSpeed, until unsubscribed', () => {
    const clock = paused();
    const seen: ClockState[] = [];
    const unsubscribe = clock.onChange((snapshot) => seen.push(snapshot));
    clock.advance(1000);
    clock.setSpeed(10);
    clock.setSpeed(0);
    unsubscribe();
    clock.advance(1000);
    expect(seen).toEqual([
      { now: T0 + 1000, speed: 0 },
      { now: T0 + 1000, speed: 10 },
      { now: T0 + 1000, speed: 0 },
    ]);
  });

  it('sync() moves forward to another clock and fires timers on the way', () => {
    const clock = paused();
    const fn = vi.fn();
    clock.setTimeout(fn, 5_000);
    clock.sync({ now: T0 + 10_000, speed: 0 });
    expect(clock.now()).toBe(T0 + 10_000);
    expect(fn).toHaveBeenCalledOnce();
  });

  it("sync() adopts the server's time exactly, stepping back if this clock ran ahead, and its speed", () => {
    // lib/controllable-clock.ts documents this since commit 88eca09 (it used to never step back).
    let real = 1_000;
    const clock = new ControllableClock({ now: T0 + 10_000, speed: 0 }, () => real);
    clocks.push(clock);
    clock.sync({ now: T0, speed: 2 });
    expect(clock.now()).toBe(T0);
    real += 100;
    expect(clock.snapshot()).toEqual({ now: T0 + 200, speed: 2 });
  });

  it('sync() does not fire timers again or early when it steps back', () => {
    const clock = paused(T0 + 10_000);
    const fn = vi.fn();
    clock.setTimeout(fn, 1_000);
    clock.sync({ now: T0, speed: 0 });
    expect(fn).not.toHaveBeenCalled();
    clock.advance(10_999);
    expect(fn).not.toHaveBeenCalled();
    clock.advance(1);
    expect(fn).toHaveBeenCalledOnce();
  });

  it('sync() does not apply a new speed to real time that passed before the sync', () => {
    let real = 1_000;
    const clock = new ControllableClock({ now: T0, speed: 0 }, () => real);
    clocks.push(clock);
    real += 60_000; // a paused minute
    clock.sync({ now: T0, speed: 1000 });
    expect(clock.now()).toBe(T0);
  });
});
