// What the OData layer needs to know of a Graph entity type: its name and each property's kind, from the shared schemas.
import type { z } from 'zod';

export type PropertyKind = 'string' | 'boolean' | 'number' | 'dateTime' | 'enum' | 'collection' | 'complex';

export interface EntityType {
  /** e.g. microsoft.graph.managedDevice, as Graph's messages name it. */
  readonly name: string;
  /** Property names in the schema's order, which is the order responses use. */
  readonly properties: readonly string[];
  kindOf(property: string): PropertyKind;
  /** The property `name` names, matched case-insensitively as Graph does, or undefined. */
  resolve(name: string): string | undefined;
}

/** Unwraps nullable/optional/default wrappers and says what a zod property schema holds. */
function kindOfSchema(schema: z.ZodType): PropertyKind {
  let current = schema as z.ZodType & { def: { type: string; innerType?: z.ZodType; format?: string } };
  while (['nullable', 'optional', 'default'].includes(current.def.type) && current.def.innerType) {
    current = current.def.innerType as typeof current;
  }
  switch (current.def.type) {
    case 'string':
      return current.def.format === 'datetime' ? 'dateTime' : 'string';
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

export function entityTypeOf(name: string, schema: z.ZodObject): EntityType {
  const shape = schema.shape as Record<string, z.ZodType>;
  const properties = Object.keys(shape);
  const kinds = new Map(properties.map((property) => [property, kindOfSchema(shape[property] as z.ZodType)]));
  const byLowerCase = new Map(properties.map((property) => [property.toLowerCase(), property]));
  return {
    name,
    properties,
    kindOf: (property) => kinds.get(property) ?? 'complex',
    resolve: (candidate) => byLowerCase.get(candidate.toLowerCase()),
  };
}
