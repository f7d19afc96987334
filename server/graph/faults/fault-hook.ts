// The Graph request hook that applies admin-side faults: hold the request, answer an error instead, or both.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SimulationEvents } from '../../services/simulation-events.js';
import { graphErrorReply } from '../graph-error-reply.js';
import type { GraphFaults } from './graph-faults.js';

export function faultHook(faults: GraphFaults, events: SimulationEvents) {
  return async function applyFault(request: FastifyRequest, reply: FastifyReply) {
    const path = request.url.split('?')[0] ?? request.url;
    const hit = faults.hit(request.method, path);
    if (!hit) return;
    const caller = request.graphCaller;
    const status = hit.status ?? 200;
    request.log.warn({ faultId: hit.id, status, delayMs: hit.delayMs ?? 0 }, 'Graph fault injected');
    events.emit('graph', {
      kind: 'fault',
      method: request.method,
      url: request.url,
      status,
      retryAfterSeconds: hit.retryAfterSeconds ?? null,
      delayMs: hit.delayMs ?? null,
      appId: caller?.appId ?? null,
      tenantId: caller?.tenantId ?? null,
      requestId: request.id,
      reason: `fault ${hit.id}`,
      at: new Date().toISOString(),
    });
    if (hit.delayMs) await new Promise((resolve) => setTimeout(resolve, hit.delayMs));
    if (hit.status !== undefined)
      return graphErrorReply(reply, request, hit.status, hit.retryAfterSeconds ?? null);
  };
}
