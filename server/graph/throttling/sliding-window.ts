// A sliding-window counter: how many events fell in the last `windowMs`, and when the oldest of them leaves it.
export class SlidingWindow {
  private readonly times: number[] = [];
  private head = 0;

  constructor(private readonly windowMs: number) {}

  /** Events still inside the window at `now`. */
  count(now: number): number {
    this.expire(now);
    return this.times.length - this.head;
  }

  record(now: number): void {
    this.times.push(now);
  }

  /** Milliseconds from `now` until one more event fits under `limit`; 0 when it already fits. */
  waitUntilBelow(limit: number, now: number): number {
    const inWindow = this.count(now);
    if (inWindow < limit) return 0;
    const leaving = this.times[this.head + inWindow - limit] ?? now;
    return Math.max(1, leaving + this.windowMs - now);
  }

  private expire(now: number): void {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= now - this.windowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
  }
}
