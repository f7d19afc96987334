// Server-sent events of every device, action and clock change, for the console, the runner and scripts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ClockState } from '../../shared/protocol.js';
import { ActionState } from '../../shared/sim/action-view.js';
import { clockView } from '../../shared/sim/clock-view.js';
import { SimEventName } from '../../shared/sim/events.js';
import type { GraphIncident } from '../../shared/sim/graph-incident.js';
import type { ActionRecord, DeviceRecord } from '../store/store.js';
import { type EventSerializers, serializeEvent } from './event-serializers.js';
import { simAction, simDevice } from './sim-device-view.js';

const KEEPALIVE_MS = 15_000;

/**
 * What one client may have waiting (events of this tick plus what the socket has not taken): a fleet-wide reset of
 * 10,000 devices is about 4 MB of action events; past the bound the client is too slow and is dropped with a reason.
 */
export const DEFAULT_MAX_PENDING_BYTES = 16 * 1024 * 1024;
const DROP_GRACE_MS = 5_000;

const StreamedEvent = SimEventName;
type StreamedEvent = SimEventName;

/** A comma-separated list of values the schema accepts, at least one. */
const commaList = <Value extends string>(values: z.ZodType<Value, Value>) =>
  z
    .string()
    .transform((list) => list.split(',').map((name) => name.trim()))
    .pipe(z.array(values).min(1));

/**
 * `?events=action,clock` picks the kinds of event (all of them by default); `?actionStates=done,failed,notSupported`
 * streams only the actions that reach those states (every state by default), for a client that waits on outcomes.
 */
export const EventStreamQuery = z.object({
  /** The simulator token, for clients that cannot send headers (EventSource). */
  access_token: z.string().optional(),
  events: commaList(StreamedEvent).optional(),
  actionStates: commaList(ActionState).optional(),
});

/** Returns the route handler; open streams end as the server starts closing, so they never hold the close up. */
export function eventStreams(app: FastifyInstance, maxPendingBytes = DEFAULT_MAX_PENDING_BYTES) {
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
    const wantedStates = new Set<ActionState>(request.query.actionStates ?? ActionState.options);
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
    // Counted per event: measuring the whole buffer on every event made a fleet-wide tick quadratic.
    let bufferedBytes = 0;
    let dropped = false;
    const failedEvents = new Set<StreamedEvent>();
    const flush = () => {
      if (buffered !== '' && !dropped) out.write(buffered);
      buffered = '';
      bufferedBytes = 0;
    };
    const write = <Name extends StreamedEvent>(event: Name, data: Parameters<EventSerializers[Name]>[0]) => {
      if (dropped) return;
      let serialized: string;
      try {
        serialized = (serializeEvent[event] as (value: typeof data) => string)(data);
      } catch (error) {
        // A serializer that throws must not reach the emitter (the core action): the event is skipped for this client.
        if (!failedEvents.has(event)) {
          failedEvents.add(event);
          request.log.error({ err: error, event }, 'event stream event not serializable; skipped');
        }
        return;
      }
      if (buffered === '') setImmediate(flush);
      const chunk = `event: ${event}\ndata: ${serialized}\n\n`;
      buffered += chunk;
      bufferedBytes += Buffer.byteLength(chunk);
      if (bufferedBytes + out.writableLength > maxPendingBytes) drop();
    };
    /** A consumer that does not keep up: told why (an SSE comment and a `dropped` event), then closed. */
    const drop = () => {
      dropped = true;
      buffered = '';
      bufferedBytes = 0;
      const reason = `The client did not keep up: more than ${maxPendingBytes} bytes of events were waiting.`;
      request.log.warn({ pendingBytes: out.writableLength, maxPendingBytes }, 'event stream client dropped');
      out.write(`: dropped, ${reason}\nevent: dropped\ndata: ${JSON.stringify({ reason })}\n\n`);
      end();
      // A client that reads nothing at all never takes the end either: its connection goes after a grace period.
      const cut = setTimeout(() => out.destroy(), DROP_GRACE_MS);
      cut.unref();
      out.once('close', () => clearTimeout(cut));
    };
    const onDevice = (device: DeviceRecord) => write('device', simDevice(device, actions));
    // Filtered before it is serialized: a fleet-wide action makes three events per device, most clients want one.
    const onAction = (action: ActionRecord) => {
      if (wantedStates.has(action.state)) write('action', simAction(action));
    };
    const onClock = (snapshot: ClockState) => write('clock', clockView(snapshot));
    const onGraph = (incident: GraphIncident) => write('graph', incident);
    const onReset = (reset: { deviceIds: string[] }) => write('reset', reset);

    // The clock first, for a client that asked for clock events; a comment otherwise, so every client sees the stream
    // open at once (`?events=` keeps the stream to the kinds asked for).
    if (wanted.has('clock')) write('clock', clockView(clock.snapshot()));
    else out.write(': open\n\n');
    if (wanted.has('device')) events.on('device', onDevice);
    if (wanted.has('action')) events.on('action', onAction);
    if (wanted.has('clock')) events.on('clock', onClock);
    if (wanted.has('graph')) events.on('graph', onGraph);
    if (wanted.has('reset')) events.on('reset', onReset);
    const keepalive = setInterval(() => {
      if (out.writableLength > maxPendingBytes) drop();
      else out.write(': keepalive\n\n');
    }, KEEPALIVE_MS);
    const end = () => {
      clearInterval(keepalive);
      events.off('device', onDevice);
      events.off('action', onAction);
      events.off('clock', onClock);
      events.off('graph', onGraph);
      events.off('reset', onReset);
      open.delete(end);
      flush();
      out.end();
    };
    open.add(end);
    request.raw.on('close', end);
  };
}
