// Server-sent events of every device, action and clock change, for the console, the runner and scripts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ClockSnapshot } from '../../lib/controllable-clock.js';
import type { ActionRecord, DeviceRecord } from '../store/store.js';
import { simAction, simDevice } from './sim-device-view.js';

const KEEPALIVE_MS = 15_000;

export const clockView = ({ now, speed }: ClockSnapshot) => ({
  now: new Date(now).toISOString(),
  nowMs: now,
  speed,
});

export const StreamedEvent = z.enum(['device', 'action', 'clock', 'reset']);
export type StreamedEvent = z.infer<typeof StreamedEvent>;

/** `?events=action,clock` picks the kinds of event; all of them by default. */
export const EventStreamQuery = z.object({
  events: z
    .string()
    .transform((list) => list.split(',').map((name) => name.trim()))
    .pipe(z.array(StreamedEvent).min(1))
    .optional(),
});

/** Returns the route handler; open streams end as the server starts closing, so they never hold the close up. */
export function eventStreams(app: FastifyInstance) {
  const { events, actions, clock } = app.services;
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });

  return function eventStream(
    request: FastifyRequest<{ Querystring: z.output<typeof EventStreamQuery> }>,
    reply: FastifyReply,
  ): void {
    const wanted = new Set<StreamedEvent>(request.query.events ?? StreamedEvent.options);
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // Events of one tick go out in one write: a fleet-wide action makes thousands of them.
    let buffered = '';
    const flush = () => {
      if (buffered !== '') out.write(buffered);
      buffered = '';
    };
    const write = (event: StreamedEvent, data: unknown) => {
      if (buffered === '') setImmediate(flush);
      buffered += `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    };
    const onDevice = (device: DeviceRecord) => write('device', simDevice(device, actions));
    const onAction = (action: ActionRecord) => write('action', simAction(action, actions));
    const onClock = (snapshot: ClockSnapshot) => write('clock', clockView(snapshot));
    const onReset = (reset: { deviceIds: string[] }) => write('reset', reset);

    write('clock', clockView(clock.snapshot()));
    if (wanted.has('device')) events.on('device', onDevice);
    if (wanted.has('action')) events.on('action', onAction);
    if (wanted.has('clock')) events.on('clock', onClock);
    if (wanted.has('reset')) events.on('reset', onReset);
    const keepalive = setInterval(() => out.write(': keepalive\n\n'), KEEPALIVE_MS);
    const end = () => {
      clearInterval(keepalive);
      events.off('device', onDevice);
      events.off('action', onAction);
      events.off('clock', onClock);
      events.off('reset', onReset);
      open.delete(end);
      flush();
      out.end();
    };
    open.add(end);
    request.raw.on('close', end);
  };
}
