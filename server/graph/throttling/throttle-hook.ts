// The Graph request hook that applies the throttler: a refused request gets 429 TooManyRequests with Retry-After.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SimulationEvents } from '../../services/simulation-events.js';
import { graphErrorReply } from '../graph-error-reply.js';
import type { Throttler } from './throttler.js';

/** Seconds for Retry-After, fractional to the millisecond as Graph sends them (e.g. `2.128`). */
export const retryAfterSeconds = (ms: number) => Math.ceil(ms) / 1000;

/** Runs after authentication; requests without a caller (already refused) are not counted. */
export function throttleHook(throttler: Throttler, events: SimulationEvents) {
  return async function throttle(request: FastifyRequest, reply: FastifyReply) {
    const caller = request.graphCaller;
    if (!caller) return;
    const decision = throttler.admit(caller.tenantId, caller.appId, request.method);
    if (decision.admitted) return;
    const retryAfter = retryAfterSeconds(decision.retryAfterMs);
    request.log.warn(
      { appId: caller.appId, tenantId: caller.tenantId, limit: decision.limit, retryAfter },
      'Graph request throttled',
    );
    events.emit('graph', {
      kind: 'throttled',
      method: request.method,
      url: request.url,
      status: 429,
      retryAfterSeconds: retryAfter,
      delayMs: null,
      appId: caller.appId,
      tenantId: caller.tenantId,
      requestId: request.id,
      reason: decision.limit,
      at: new Date().toISOString(),
    });
    return graphErrorReply(reply, request, 429, retryAfter);
  };
}
