// The device side of the simulator: see each device's screen, act as its user, and steer the simulated clock.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { operatingSystemOf } from '../../shared/enrollment.js';
import { Fault } from '../../shared/faults.js';
import { GraphFaultRule } from '../../shared/graph/graph-fault.js';
import { ClockView, clockView } from '../../shared/sim/clock-view.js';
import { DeviceList, DeviceView } from '../../shared/sim/device-view.js';
import { UserInput } from '../../shared/user-input.js';
import { acceptEmptyJsonBodies } from '../graph/empty-json-body.js';
import { badRequest, conflict, HttpError, itemNotFound } from '../http-error.js';
import { AgentTooOldError, DeviceOfflineError, DeviceTimeoutError } from '../services/device-channel.js';
import { EventStreamQuery, eventStreams } from './event-stream.js';
import { simAuthHook } from './sim-auth.js';
import { simDevice } from './sim-device-view.js';

const DeviceParams = z.object({ id: z.string().min(1) });
const DevicesQuery = z.object({ fleet: z.string().optional() });
const FaultAccepted = z.strictObject({ deviceId: z.string(), fault: Fault });
const tags = ['Simulator'];
const FleetQuery = z.object({ fleet: z.string().min(1) });
const ClockChange = z
  .strictObject({
    /** Moves simulated time forward by this many milliseconds, firing every timer on the way. */
    advanceMs: z
      .number()
      .int()
      .min(0)
      .max(366 * 24 * 60 * 60 * 1000)
      .optional(),
    /** Simulated milliseconds per real millisecond: 1 is real time, 60 a minute a second, 0 pauses. */
    speed: z.number().min(0).max(100_000).optional(),
  })
  .refine((change) => change.advanceMs !== undefined || change.speed !== undefined, {
    message: 'Give advanceMs, speed, or both.',
  });

const ResetRequest = z
  .strictObject({
    /** Only these devices (a guided tour's); every device when left out. */
    deviceIds: z.array(z.string().min(1).max(128)).min(1).max(10_000).optional(),
  })
  // No body at all (`curl -X POST …/sim/reset`, which Fastify reads as null) resets every device.
  .nullish();

export async function simApi(
  app: FastifyInstance,
  options: { simToken: string; eventStreamMaxPendingBytes?: number },
) {
  app.addHook('onRequest', simAuthHook(options.simToken, `${app.prefix}/events`));
  // `Content-Type: application/json` with no body is no body here too (a client that always sets the header).
  acceptEmptyJsonBodies(app);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { registry, actions, clock, control } = app.services;

  api.get(
    '/devices',
    {
      schema: {
        tags,
        summary: 'Every device, or those of one fleet',
        querystring: DevicesQuery,
        response: { 200: DeviceList },
      },
    },
    async (request) => ({
      devices: registry
        .list()
        .filter((device) => request.query.fleet === undefined || device.fleet === request.query.fleet)
        .map((device) => simDevice(device, actions)),
    }),
  );

  api.get(
    '/devices/:id',
    { schema: { tags, summary: 'One device', params: DeviceParams, response: { 200: DeviceView } } },
    async (request) => {
      const device = registry.get(request.params.id);
      if (!device) throw itemNotFound(`No device '${request.params.id}'.`);
      return simDevice(device, actions);
    },
  );

  /** Forgets a disconnected device (a test run cleaning up after itself); 409 while it is connected. */
  api.delete(
    '/devices/:id',
    { schema: { tags, summary: 'Forget a disconnected device', params: DeviceParams } },
    async (request, reply) => {
      const { id } = request.params;
      const outcome = registry.remove(id);
      if (outcome === 'unknown') throw itemNotFound(`No device '${id}'.`);
      if (outcome === 'connected') {
        throw conflict('DeviceConnected', `Device ${id} is connected; stop its agent before removing it.`);
      }
      return reply.code(204).send();
    },
  );

  /** Forgets every disconnected device of one fleet (the fleet is required: this never empties the server). */
  api.delete(
    '/devices',
    { schema: { tags, summary: "Forget a fleet's disconnected devices", querystring: FleetQuery } },
    async (request) => {
      const outcomes = registry
        .list()
        .filter((device) => device.fleet === request.query.fleet)
        .map((device) => registry.remove(device.id));
      return {
        fleet: request.query.fleet,
        removed: outcomes.filter((outcome) => outcome === 'removed').length,
        stillConnected: outcomes.filter((outcome) => outcome === 'connected').length,
      };
    },
  );

  api.post(
    '/devices/:id/input',
    {
      schema: {
        tags,
        summary: "Act as the device's user (unlock, enter a passcode, tap a notification)",
        params: DeviceParams,
        body: UserInput,
        response: { 200: DeviceView },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!registry.get(id)) throw itemNotFound(`No device '${id}'.`);
      try {
        const answer = await control.actAsUser(id, request.body);
        if (!answer.accepted) throw conflict('InputRefused', answer.reason);
      } catch (error) {
        if (error instanceof DeviceOfflineError) throw conflict('DeviceOffline', error.message);
        if (error instanceof AgentTooOldError) throw conflict('AgentTooOld', error.message);
        if (error instanceof DeviceTimeoutError) throw new HttpError(504, 'DeviceTimeout', error.message);
        throw error;
      }
      const device = registry.get(id);
      if (!device) throw itemNotFound(`No device '${id}'.`);
      return simDevice(device, actions);
    },
  );

  /** Injects a fault into the device's agent over its own connection; an offline device hears only `online`. */
  api.post(
    '/devices/:id/faults',
    {
      schema: {
        tags,
        summary: "Inject a fault into the device's agent",
        params: DeviceParams,
        body: Fault,
        response: { 202: FaultAccepted },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const device = registry.get(id);
      if (!device) throw itemNotFound(`No device '${id}'.`);
      // NotNow is a status of Apple's MDM protocol: an Android device (or Windows) never answers it.
      const os = operatingSystemOf[device.inventory.enrollment];
      if (request.body.kind === 'notNow' && os !== 'iOS' && os !== 'macOS') {
        throw badRequest(`NotNow is an Apple MDM status: ${os} devices do not answer it.`);
      }
      if (!control.injectFault(id, request.body)) {
        throw conflict('DeviceOffline', `Device ${id} is not connected, so the fault cannot reach it.`);
      }
      return reply.code(202).send({ deviceId: id, fault: request.body });
    },
  );

  api.get(
    '/clock',
    { schema: { tags, summary: 'The simulated clock', response: { 200: ClockView } } },
    async () => clockView(clock.snapshot()),
  );
  /** Admin-side faults: the next matching Graph requests answer 429/500/503/504 or are held (shared/graph). */
  api.get('/graph-faults', async () => ({ faults: app.graphFaults.list() }));
  api.post('/graph-faults', { schema: { body: GraphFaultRule } }, async (request, reply) =>
    reply.code(201).send(app.graphFaults.add(request.body)),
  );
  api.delete('/graph-faults', async (_request, reply) => {
    app.graphFaults.clear();
    return reply.code(204).send();
  });
  api.delete('/graph-faults/:id', { schema: { params: DeviceParams } }, async (request, reply) => {
    if (!app.graphFaults.remove(request.params.id))
      throw itemNotFound(`No Graph fault '${request.params.id}'.`);
    return reply.code(204).send();
  });

  api.post(
    '/clock',
    {
      schema: {
        tags,
        summary: 'Advance the simulated clock, change its speed, or both',
        body: ClockChange,
        response: { 200: ClockView },
      },
    },
    async (request) => {
      // Answers once every connected device has fired the timers it crossed and reported its state.
      return clockView(await control.changeClock(request.body));
    },
  );

  /** Puts the devices, their actions and audits, and the clock's speed back to the fleet's starting state. */
  api.post(
    '/reset',
    { schema: { tags, summary: "Reset the simulation (every device, or a tour's)", body: ResetRequest } },
    async (request) => {
      const outcome = await app.services.reset.reset(request.body?.deviceIds);
      return { ...outcome, clock: clockView(clock.snapshot()) };
    },
  );

  api.get(
    '/events',
    {
      schema: {
        tags,
        summary:
          'Server-sent events: `device`, `action` and `clock`, each a JSON view as in shared/sim/events.ts',
        produces: ['text/event-stream'],
        querystring: EventStreamQuery,
        response: { 200: z.string().describe('event: device|action|clock, data: the JSON view') },
      },
    },
    eventStreams(app, options.eventStreamMaxPendingBytes),
  );
}
