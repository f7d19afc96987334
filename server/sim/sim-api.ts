// The device side of the simulator: see each device's screen, act as its user, and steer the simulated clock.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Fault } from '../../shared/faults.js';
import { UserInput } from '../../shared/user-input.js';
import { conflict, HttpError, itemNotFound } from '../http-error.js';
import { DeviceOfflineError, DeviceTimeoutError } from '../services/device-channel.js';
import { clockView, EventStreamQuery, eventStreams } from './event-stream.js';
import { simDevice } from './sim-device-view.js';

const DeviceParams = z.object({ id: z.string().min(1) });
const DevicesQuery = z.object({ fleet: z.string().optional() });
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

export async function simApi(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { registry, actions, clock } = app.services;

  api.get('/devices', { schema: { querystring: DevicesQuery } }, async (request) => ({
    devices: registry
      .list()
      .filter((device) => request.query.fleet === undefined || device.fleet === request.query.fleet)
      .map((device) => simDevice(device, actions)),
  }));

  api.get('/devices/:id', { schema: { params: DeviceParams } }, async (request) => {
    const device = registry.get(request.params.id);
    if (!device) throw itemNotFound(`No device '${request.params.id}'.`);
    return simDevice(device, actions);
  });

  /** Forgets a disconnected device (a test run cleaning up after itself); 409 while it is connected. */
  api.delete('/devices/:id', { schema: { params: DeviceParams } }, async (request, reply) => {
    const { id } = request.params;
    const outcome = registry.remove(id);
    if (outcome === 'unknown') throw itemNotFound(`No device '${id}'.`);
    if (outcome === 'connected') {
      throw conflict('DeviceConnected', `Device ${id} is connected; stop its agent before removing it.`);
    }
    return reply.code(204).send();
  });

  /** Forgets every disconnected device of one fleet (the fleet is required: this never empties the server). */
  api.delete('/devices', { schema: { querystring: FleetQuery } }, async (request) => {
    const outcomes = registry
      .list()
      .filter((device) => device.fleet === request.query.fleet)
      .map((device) => registry.remove(device.id));
    return {
      fleet: request.query.fleet,
      removed: outcomes.filter((outcome) => outcome === 'removed').length,
      stillConnected: outcomes.filter((outcome) => outcome === 'connected').length,
    };
  });

  api.post('/devices/:id/input', { schema: { params: DeviceParams, body: UserInput } }, async (request) => {
    const { id } = request.params;
    if (!registry.get(id)) throw itemNotFound(`No device '${id}'.`);
    try {
      const answer = await app.sessions.forwardInput(id, request.body);
      if (!answer.accepted) throw conflict('InputRefused', answer.reason);
    } catch (error) {
      if (error instanceof DeviceOfflineError) throw conflict('DeviceOffline', error.message);
      if (error instanceof DeviceTimeoutError) throw new HttpError(504, 'DeviceTimeout', error.message);
      throw error;
    }
    const device = registry.get(id);
    if (!device) throw itemNotFound(`No device '${id}'.`);
    return simDevice(device, actions);
  });

  /** Injects a fault into the device's agent over its own connection; an offline device cannot be reached. */
  api.post(
    '/devices/:id/faults',
    { schema: { params: DeviceParams, body: Fault } },
    async (request, reply) => {
      const { id } = request.params;
      if (!registry.get(id)) throw itemNotFound(`No device '${id}'.`);
      if (!app.sessions.send(id, { type: 'fault', fault: request.body })) {
        throw conflict('DeviceOffline', `Device ${id} is not connected, so the fault cannot reach it.`);
      }
      return reply.code(202).send({ deviceId: id, fault: request.body });
    },
  );

  api.get('/clock', async () => clockView(clock.snapshot()));

  api.post('/clock', { schema: { body: ClockChange } }, async (request) => {
    const { advanceMs, speed } = request.body;
    if (speed !== undefined) clock.setSpeed(speed);
    if (advanceMs !== undefined) clock.advance(advanceMs);
    return clockView(clock.snapshot());
  });

  api.get('/events', { schema: { querystring: EventStreamQuery } }, eventStreams(app));
}
