// Each /sim/events payload written through its shared schema (shared/sim/events.ts), compiled once with
// fast-json-stringify: only the schema's fields go out, at about the cost of JSON.stringify.
import fastJson from 'fast-json-stringify';
import { z } from 'zod';
import { type SimEventName, simEventData } from '../../shared/sim/events.js';

type EventData = { [Name in SimEventName]: z.output<(typeof simEventData)[Name]> };
export type EventSerializers = { [Name in SimEventName]: (data: EventData[Name]) => string };

function compile<Name extends SimEventName>(name: Name): EventSerializers[Name] {
  // draft-7: the dialect fast-json-stringify's own validator (for unions) speaks.
  const schema = z.toJSONSchema(simEventData[name], { io: 'output', target: 'draft-7' });
  return fastJson(schema as Parameters<typeof fastJson>[0]) as EventSerializers[Name];
}

export const serializeEvent: EventSerializers = {
  device: compile('device'),
  action: compile('action'),
  clock: compile('clock'),
  graph: compile('graph'),
  reset: compile('reset'),
};
