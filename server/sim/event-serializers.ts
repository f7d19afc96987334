// Each /sim/events payload written through its shared schema (shared/sim/events.ts), compiled once with
// fast-json-stringify: only the schema's fields go out, at about the cost of JSON.stringify.
import fastJson from 'fast-json-stringify';
import { z } from 'zod';
import { type SimEventName, simEventData } from '../../shared/sim/events.js';

type EventData = { [Name in SimEventName]: z.output<(typeof simEventData)[Name]> };
export type EventSerializers = { [Name in SimEventName]: (data: EventData[Name]) => string };

type JsonSchema = { [keyword: string]: unknown };

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keywords whose values are data, not schemas: never rewritten. */
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples']);
/** A branch with any of these is more than a type: it keeps its `anyOf` (and fast-json-stringify its check). */
const BEYOND_A_TYPE = ['const', 'enum', 'anyOf', 'oneOf', 'allOf', 'not', '$ref'];

/**
 * zod's `.nullable()` (`anyOf: [T, {type: 'null'}]`) as `T` with `type: [T's type, 'null']`, when `T` is a plain type
 * (an object with its properties included, but no enum, const or union). fast-json-stringify picks an `anyOf` branch by
 * validating the value with ajv on every call (and compiles the validator on the first: about 10 ms inside a
 * fleet-wide reset); a list of types it tells apart with `typeof`, and then writes the value as it writes any field of
 * that type. It is a serializer, not a validator: the views it writes are typed, and zod validates at the edges.
 */
export function nullableAsTypeList(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(nullableAsTypeList);
  if (!isSchema(schema)) return schema;
  const { anyOf, ...rest } = Object.fromEntries(
    Object.entries(schema).map(([keyword, value]) => [
      keyword,
      DATA_KEYWORDS.has(keyword) ? value : nullableAsTypeList(value),
    ]),
  ) as JsonSchema;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const nullBranch = anyOf.findIndex((branch) => isSchema(branch) && branch.type === 'null');
    const other = anyOf[1 - nullBranch];
    if (
      nullBranch !== -1 &&
      Object.keys(anyOf[nullBranch] as JsonSchema).length === 1 &&
      isSchema(other) &&
      typeof other.type === 'string' &&
      !BEYOND_A_TYPE.some((keyword) => keyword in other)
    ) {
      return { ...rest, ...other, type: [other.type, 'null'] };
    }
  }
  return anyOf === undefined ? rest : { ...rest, anyOf };
}

function compile<Name extends SimEventName>(name: Name): EventSerializers[Name] {
  // draft-7: the dialect fast-json-stringify's own validator (for the unions left) speaks.
  const schema = z.toJSONSchema(simEventData[name], { io: 'output', target: 'draft-7' });
  return fastJson(nullableAsTypeList(schema) as Parameters<typeof fastJson>[0]) as EventSerializers[Name];
}

export const serializeEvent: EventSerializers = {
  device: compile('device'),
  action: compile('action'),
  clock: compile('clock'),
  graph: compile('graph'),
  reset: compile('reset'),
};
