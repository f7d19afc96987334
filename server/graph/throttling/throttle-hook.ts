// Applies the throttler to a Graph call: a refused call gets 429 TooManyRequests with Retry-After.
import type { SimulationEvents } from '../../services/simulation-events.js';
import type { GraphAnswer, GraphCall } from '../graph-call.js';
import { serviceErrorAnswer } from '../graph-error-reply.js';
import type { Throttler } from './throttler.js';

/** Seconds for Retry-After, fractional to the millisecond as Graph sends them (e.g. `2.128`). */
export const retryAfterSeconds = (ms: number) => Math.ceil(ms) / 1000;

/** The 429 answer for a call over the limits (counting it otherwise), or null to go on. */
export function throttleGuard(throttler: Throttler, events: SimulationEvents) {
  return function throttle(call: GraphCall): GraphAnswer | null {
    const { caller } = call;
    const decision = throttler.admit(caller.tenantId, caller.appId, call.method);
    if (decision.admitted) return null;
    const retryAfter = retryAfterSeconds(decision.retryAfterMs);
    call.log.warn(
      { appId: caller.appId, tenantId: caller.tenantId, limit: decision.limit, retryAfter },
      'Graph request throttled',
    );
    events.emit('graph', {
      kind: 'throttled',
      method: call.method,
      url: call.url,
      status: 429,
      retryAfterSeconds: retryAfter,
      delayMs: null,
      appId: caller.appId,
      tenantId: caller.tenantId,
      requestId: call.requestId,
      reason: decision.limit,
      at: new Date().toISOString(),
    });
    return serviceErrorAnswer(call, 429, retryAfter);
  };
}
