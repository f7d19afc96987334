// What the OData layer needs to know of a Graph entity type: its name and each property's kind, from the shared schemas.
import type { z } from 'zod';
import { EDM_TYPES, ENUM_MEMBERS } from './edm-types.js';

export type PropertyKind = 'string' | 'boolean' | 'number' | 'dateTime' | 'enum' | 'collection' | 'complex';

export interface EntityType {
  /** e.g. microsoft.graph.managedDevice, as Graph's messages name it. */
  readonly name: string;
  /** Property names in the schema's order, which is the order responses use. */
  readonly properties: readonly string[];
  kindOf(property: string): PropertyKind;
  /**
   * The property's type as Graph's metadata and OData's messages name it (`Edm.Int64`,
   * `microsoft.graph.managementAgentType`); undefined for collection and complex properties.
   */
  edmTypeOf(property: string): string | undefined;
  /** An enum property's member names (matched case-sensitively, as OData does); undefined for other kinds. */
  membersOf(property: string): readonly string[] | undefined;
  /** The property `name` names, matched case-insensitively as Graph does, or undefined. */
  resolve(name: string): string | undefined;
}

type Schema = z.ZodType & {
  def: { type: string; innerType?: z.ZodType; format?: string; values?: unknown[] };
};

/** Unwraps nullable/optional/default wrappers: the schema of the value itself. */
function unwrap(schema: z.ZodType): Schema {
  let current = schema as Schema;
  while (['nullable', 'optional', 'default'].includes(current.def.type) && current.def.innerType) {
    current = current.def.innerType as Schema;
  }
  return current;
}

/** Says what a zod property schema holds. */
function kindOfSchema(schema: Schema): PropertyKind {
  switch (schema.def.type) {
    case 'string':
      return schema.def.format === 'datetime' ? 'dateTime' : 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'enum':
    case 'literal':
      return 'enum';
    case 'array':
      return 'collection';
    default:
      return 'complex';
  }
}

const EDM_OF_KIND: Partial<Record<PropertyKind, string>> = {
  string: 'Edm.String',
  boolean: 'Edm.Boolean',
  dateTime: 'Edm.DateTimeOffset',
};

export function entityTypeOf(name: string, schema: z.ZodObject): EntityType {
  const shape = schema.shape as Record<string, z.ZodType>;
  const properties = Object.keys(shape);
  const kinds = new Map<string, PropertyKind>();
  const edmTypes = new Map<string, string>();
  const members = new Map<string, readonly string[]>();
  for (const property of properties) {
    const inner = unwrap(shape[property] as z.ZodType);
    const kind = kindOfSchema(inner);
    kinds.set(property, kind);
    const edmType = EDM_OF_KIND[kind] ?? EDM_TYPES[name]?.[property];
    if ((kind === 'number' || kind === 'enum') && edmType === undefined) {
      // Integer width and enum type name are Graph's metadata's to say; the schema does not.
      throw new Error(`No Edm type for ${name}.${property} in server/graph/odata/edm-types.ts`);
    }
    if (edmType !== undefined) edmTypes.set(property, edmType);
    if (kind === 'enum' && edmType !== undefined) {
      const own = inner.def.type === 'enum' ? (inner as unknown as z.ZodEnum).options : inner.def.values;
      members.set(property, ENUM_MEMBERS[edmType] ?? (own as string[]).map(String));
    }
  }
  const byLowerCase = new Map(properties.map((property) => [property.toLowerCase(), property]));
  return {
    name,
    properties,
    kindOf: (property) => kinds.get(property) ?? 'complex',
    edmTypeOf: (property) => edmTypes.get(property),
    membersOf: (property) => members.get(property),
    resolve: (candidate) => byLowerCase.get(candidate.toLowerCase()),
  };
}
