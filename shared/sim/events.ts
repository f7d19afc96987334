// The events of /sim/events: each SSE event name with the schema of its data, for the server and every reader.
import { z } from 'zod';
import { ActionView } from './action-view.js';
import { ClockView } from './clock-view.js';
import { DeviceView } from './device-view.js';
import { GraphIncident } from './graph-incident.js';

export const SimEventName = z.enum(['device', 'action', 'clock', 'graph', 'reset']);
export type SimEventName = z.infer<typeof SimEventName>;

/** The simulator put these devices back to their starting state (POST /sim/reset); their actions are gone. */
export const ResetEvent = z.strictObject({ deviceIds: z.array(z.string()) });
export type ResetEvent = z.infer<typeof ResetEvent>;

/** What each event's `data:` line carries, as JSON. */
export const simEventData = {
  device: DeviceView,
  action: ActionView,
  clock: ClockView,
  graph: GraphIncident,
  reset: ResetEvent,
} as const satisfies Record<SimEventName, z.ZodType>;

export type SimEvent =
  | { event: 'device'; data: DeviceView }
  | { event: 'action'; data: ActionView }
  | { event: 'clock'; data: ClockView }
  | { event: 'graph'; data: GraphIncident }
  | { event: 'reset'; data: ResetEvent };

/**
 * Reads one server-sent event of the stream: null for an event name this stream does not send (a newer server's),
 * a thrown error for a payload that does not match its schema.
 */
export function parseSimEvent(event: string | undefined, data: string): SimEvent | null {
  const name = SimEventName.safeParse(event);
  if (!name.success) return null;
  const json: unknown = JSON.parse(data);
  return { event: name.data, data: simEventData[name.data].parse(json) } as SimEvent;
}
