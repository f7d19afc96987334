// Graph throttling as Intune applies it: per app per tenant and per tenant, writes and all requests, in time windows.
import { SlidingWindow } from './sliding-window.js';
import type { ThrottleLimits } from './throttle-limits.js';

export type LimitName = keyof Omit<ThrottleLimits, 'windowSeconds'>;
export type ThrottleDecision =
  | { admitted: true }
  | { admitted: false; retryAfterMs: number; limit: LimitName };

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Counts admitted requests in sliding windows of real time. `now` is a monotonic millisecond clock, injectable so
 * tests can move it; it is deliberately not the simulated device clock (see the README's throttling section).
 */
export class Throttler {
  private readonly windows = new Map<string, SlidingWindow>();

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Admits and counts the request, or says how long until it would be admitted; a refused request is not counted. */
  admit(tenantId: string, appId: string, method: string): ThrottleDecision {
    const now = this.now();
    const write = WRITE_METHODS.has(method.toUpperCase());
    const app = `${tenantId}\u0000${appId}`;
    const checks: Array<[string, LimitName]> = [
      [`all:app:${app}`, 'requestsPerAppPerTenant'],
      [`all:tenant:${tenantId}`, 'requestsPerTenant'],
    ];
    if (write) {
      checks.push(
        [`write:app:${app}`, 'writesPerAppPerTenant'],
        [`write:tenant:${tenantId}`, 'writesPerTenant'],
      );
    }
    let refused: { admitted: false; retryAfterMs: number; limit: LimitName } | undefined;
    for (const [key, limit] of checks) {
      const waitMs = this.window(key).waitUntilBelow(this.limits[limit], now);
      if (waitMs > 0 && (refused === undefined || waitMs > refused.retryAfterMs)) {
        refused = { admitted: false, retryAfterMs: waitMs, limit };
      }
    }
    if (refused) return refused;
    for (const [key] of checks) this.window(key).record(now);
    return { admitted: true };
  }

  private window(key: string): SlidingWindow {
    let window = this.windows.get(key);
    if (!window) {
      window = new SlidingWindow(this.limits.windowSeconds * 1000);
      this.windows.set(key, window);
    }
    return window;
  }
}
