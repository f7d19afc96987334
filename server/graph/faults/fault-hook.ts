// Applies admin-side faults to a Graph call: hold it, answer an error instead, or both.
import type { SimulationEvents } from '../../services/simulation-events.js';
import type { GraphAnswer, GraphCall } from '../graph-call.js';
import { serviceErrorAnswer } from '../graph-error-reply.js';
import type { GraphFaults } from './graph-faults.js';

/** The fault's answer for a call a rule hits (after its delay), or null to go on. */
export function faultGuard(faults: GraphFaults, events: SimulationEvents) {
  return async function applyFault(call: GraphCall): Promise<GraphAnswer | null> {
    const path = call.url.split('?')[0] ?? call.url;
    const hit = faults.hit(call.method, path);
    if (!hit) return null;
    const status = hit.status ?? 200;
    call.log.warn({ faultId: hit.id, status, delayMs: hit.delayMs ?? 0 }, 'Graph fault injected');
    events.emit('graph', {
      kind: 'fault',
      method: call.method,
      url: call.url,
      status,
      retryAfterSeconds: hit.retryAfterSeconds ?? null,
      delayMs: hit.delayMs ?? null,
      appId: call.caller.appId,
      tenantId: call.caller.tenantId,
      requestId: call.requestId,
      reason: `fault ${hit.id}`,
      at: new Date().toISOString(),
    });
    if (hit.delayMs) await new Promise((resolve) => setTimeout(resolve, hit.delayMs));
    return hit.status === undefined
      ? null
      : serviceErrorAnswer(call, hit.status, hit.retryAfterSeconds ?? null);
  };
}
