// Applies admin-side faults to a Graph call: hold it, answer an error instead, or both.
import type { SimulationEvents } from '../../services/simulation-events.js';
import type { GraphAnswer, GraphCall } from '../graph-call.js';
import { serviceErrorAnswer } from '../graph-error-reply.js';
import type { GraphFaultHit, GraphFaults } from './graph-faults.js';

/**
 * Retry-After of an injected 429 whose rule gives none: Graph's throttling guidance says a 429 carries the header and
 * the SDKs' retry handlers rely on it. One second is mdmsim's choice (no capture shows a typical value).
 */
export const DEFAULT_FAULT_RETRY_AFTER_SECONDS = 1;

/**
 * The fault's answer for a call a rule hits (after its delay), or null to go on. A call no rule hits (nearly every
 * call) gets its null at once rather than in a promise: no microtask on the hot path.
 */
export function faultGuard(faults: GraphFaults, events: SimulationEvents) {
  return function applyFault(call: GraphCall): Promise<GraphAnswer | null> | null {
    const path = call.url.split('?')[0] ?? call.url;
    const hit = faults.hit(call.method, path);
    return hit ? faultAnswer(call, hit, events) : null;
  };
}

async function faultAnswer(
  call: GraphCall,
  hit: GraphFaultHit,
  events: SimulationEvents,
): Promise<GraphAnswer | null> {
  const status = hit.status ?? 200;
  const retryAfterSeconds =
    hit.retryAfterSeconds ?? (hit.status === 429 ? DEFAULT_FAULT_RETRY_AFTER_SECONDS : null);
  call.log.warn({ faultId: hit.id, status, delayMs: hit.delayMs ?? 0 }, 'Graph fault injected');
  events.emit('graph', {
    kind: 'fault',
    method: call.method,
    url: call.url,
    status,
    retryAfterSeconds,
    delayMs: hit.delayMs ?? null,
    appId: call.caller.appId,
    tenantId: call.caller.tenantId,
    requestId: call.requestId,
    reason: `fault ${hit.id}`,
    at: new Date().toISOString(),
  });
  if (hit.delayMs) await new Promise((resolve) => setTimeout(resolve, hit.delayMs));
  return hit.status === undefined ? null : serviceErrorAnswer(call, hit.status, retryAfterSeconds);
}
