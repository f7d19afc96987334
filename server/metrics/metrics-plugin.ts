// Prometheus metrics at /metrics: connected devices, actions by state, command round trips, throttling, event loop.
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { z } from 'zod';
import { ActionState } from '../../shared/sim/action-view.js';
import type { ActionRecord } from '../store/store.js';

export const METRICS_PATH = '/metrics';

export interface Metrics {
  readonly registry: Registry;
  readonly throttledRequests: Counter;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

/**
 * The process's own metrics (event-loop lag, memory, CPU) are collected once per process, in their own registry, so
 * several apps in one process (tests, the runner) do not each start a monitor.
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

async function metricsPlugin(app: FastifyInstance) {
  const registry = new Registry();
  const { store } = app;
  const { events, control } = app.services;

  new Gauge({
    name: 'mdmsim_connected_devices',
    help: 'Devices with an open WebSocket connection to the gateway.',
    registers: [registry],
    collect() {
      this.set(control.connectedCount());
    },
  });
  new Gauge({
    name: 'mdmsim_enrolled_devices',
    help: 'Devices the server knows, connected or not.',
    registers: [registry],
    collect() {
      this.set(store.devices.count());
    },
  });
  new Gauge({
    name: 'mdmsim_actions',
    help: 'Remote actions by Graph actionState.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const counts = new Map<ActionState, number>(ActionState.options.map((state) => [state, 0]));
      for (const action of store.actions.list())
        counts.set(action.state, (counts.get(action.state) ?? 0) + 1);
      for (const [state, count] of counts) this.set({ state }, count);
    },
  });
  const roundTrip = new Histogram({
    name: 'mdmsim_command_round_trip_seconds',
    help: "Real time from a command going out on the device's connection to the device's answer.",
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const throttledRequests = new Counter({
    name: 'mdmsim_graph_throttled_requests_total',
    help: 'Graph requests answered 429 Too Many Requests.',
    registers: [registry],
  });

  // An action turns active when its command goes on the wire; its next state, while the device is still connected,
  // is the device's answer (done, failed, or pending again after NotNow). A disconnect is no answer.
  const onTheWire = new Map<string, number>();
  events.on('action', (action: ActionRecord) => {
    if (action.state === 'active') {
      if (!onTheWire.has(action.id)) onTheWire.set(action.id, performance.now());
      return;
    }
    const sentAt = onTheWire.get(action.id);
    if (sentAt === undefined) return;
    onTheWire.delete(action.id);
    if (control.isConnected(action.deviceId)) roundTrip.observe((performance.now() - sentAt) / 1000);
  });

  events.on('graph', (incident) => {
    if (incident.kind === 'throttled') throttledRequests.inc();
  });

  // The services' own metrics (the remote-action service's metering wrapper) join the same exposition.
  for (const metric of app.services.metrics) registry.registerMetric(metric);

  app.decorate('metrics', { registry, throttledRequests });

  app.get(
    METRICS_PATH,
    {
      schema: {
        tags: ['Operations'],
        summary: 'Prometheus metrics (text exposition format); counts only, no device names or secrets',
        produces: ['text/plain'],
        response: { 200: z.string().describe('Prometheus text exposition format 0.0.4') },
      },
    },
    async (_request, reply) => {
      const text = `${await processMetrics().metrics()}\n${await registry.metrics()}`;
      return reply.type(registry.contentType).send(text);
    },
  );
}

export default fp(metricsPlugin, { name: 'mdmsim-metrics', fastify: '5.x', dependencies: ['services'] });
