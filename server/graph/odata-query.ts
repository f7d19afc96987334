// The OData query options real admin scripts send: $top, $skiptoken, $select and simple $filter equality.
import { z } from 'zod';
import { badRequest } from '../http-error.js';

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 100;

export const ODataQuery = z.object({
  $top: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  $skiptoken: z.string().regex(/^\d+$/, 'a $skiptoken from an @odata.nextLink').optional(),
  $select: z.string().optional(),
  $filter: z.string().optional(),
});
export type ODataQuery = z.infer<typeof ODataQuery>;

type Entity = Record<string, unknown>;

/**
 * The entity's own property that `name` names, matched case-insensitively as Graph does; never an inherited one
 * (`constructor`, `__proto__`), which is a 400 like any other unknown property.
 */
export function propertyNamed(entity: Entity, name: string, typeName: string): string {
  const wanted = name.toLowerCase();
  const found = Object.keys(entity).find((key) => !key.startsWith('@') && key.toLowerCase() === wanted);
  if (found === undefined) {
    throw badRequest(`Could not find a property named '${name}' on type '${typeName}'.`);
  }
  return found;
}

/** Keeps only the selected properties; an unknown one is a 400, as in Graph. */
export function applySelect<T extends Entity>(
  entity: T,
  select: string | undefined,
  typeName: string,
): Partial<T> {
  if (!select) return entity;
  const fields = select.split(',').map((field) => field.trim());
  const picked: Entity = {};
  for (const field of fields) {
    const property = propertyNamed(entity, field, typeName);
    picked[property] = entity[property];
  }
  return picked as Partial<T>;
}

const CLAUSE = /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/;

/** `prop eq 'value'` clauses joined by `and`: what scripts use to pick devices by OS, name or user. */
export function filterPredicate(filter: string | undefined, typeName: string): (entity: Entity) => boolean {
  if (!filter) return () => true;
  const clauses = filter.split(/\s+and\s+/i).map((clause) => {
    const match = CLAUSE.exec(clause);
    if (!match?.[1] || match[2] === undefined) {
      throw badRequest(
        `Unsupported $filter clause '${clause.trim()}': use property eq 'value', joined by and.`,
      );
    }
    return { property: match[1], value: match[2].replaceAll("''", "'") };
  });
  return (entity) =>
    clauses.every(({ property, value }) => {
      const own = propertyNamed(entity, property, typeName);
      return String(entity[own]).toLowerCase() === value.toLowerCase();
    });
}

/** One page of a collection and the @odata.nextLink to the next, as a full URL, while there is one. */
export function page<T>(
  items: readonly T[],
  query: ODataQuery,
  selfUrl: URL,
): { value: T[]; nextLink?: string } {
  const size = query.$top ?? DEFAULT_PAGE_SIZE;
  const offset = Number(query.$skiptoken ?? 0);
  const value = items.slice(offset, offset + size);
  if (offset + size >= items.length) return { value };
  const next = new URL(selfUrl);
  next.searchParams.set('$top', String(size));
  next.searchParams.set('$skiptoken', String(offset + size));
  return { value, nextLink: next.toString() };
}
