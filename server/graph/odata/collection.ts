// One page of an OData collection: filtered, ordered, skipped, paged with @odata.nextLink, counted, then projected.
import type { EntityType } from './entity-type.js';
import { filterPredicate } from './filter.js';
import { DEFAULT_PAGE_SIZE, type QueryOptions } from './query-options.js';

type Resource = Record<string, unknown>;

export interface CollectionPage {
  value: Resource[];
  count?: number;
  nextLink?: string;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'string' && typeof b === 'string') {
    const folded = a.toLowerCase().localeCompare(b.toLowerCase());
    return folded !== 0 ? folded : a.localeCompare(b);
  }
  return (a as number) < (b as number) ? -1 : 1;
}

/** Keeps the selected properties, in the type's order; no $select keeps everything. */
export function project(
  resource: Resource,
  select: readonly string[] | undefined,
  type: EntityType,
): Resource {
  if (!select) return resource;
  const wanted = new Set(select);
  const projected: Resource = {};
  for (const property of type.properties) {
    if (wanted.has(property) && Object.hasOwn(resource, property)) projected[property] = resource[property];
  }
  return projected;
}

/** The members $filter keeps: the ids themselves without one (nothing built), their resources with one. */
function filtered(
  ids: readonly string[],
  resourceOf: (id: string) => Resource,
  options: QueryOptions,
  type: EntityType,
): ReadonlyArray<string | Resource> {
  if (!options.filter) return ids;
  const predicate = filterPredicate(options.filter, type);
  return ids.map(resourceOf).filter(predicate);
}

/** How many members `$count` counts: only a $filter builds their resources. */
export function collectionCount(
  ids: readonly string[],
  resourceOf: (id: string) => Resource,
  options: QueryOptions,
  type: EntityType,
): number {
  return filtered(ids, resourceOf, options, type).length;
}

/**
 * Without $filter or $orderby only the page's resources are built, so a page costs its own size and not the
 * fleet's; with them every resource is built once.
 */
export function collectionPage(
  ids: readonly string[],
  resourceOf: (id: string) => Resource,
  options: QueryOptions,
  type: EntityType,
  selfUrl: URL,
): CollectionPage {
  let items = filtered(ids, resourceOf, options, type);
  if (options.orderBy.length > 0) {
    const resources = items.map((item) => (typeof item === 'string' ? resourceOf(item) : item));
    const keys = options.orderBy;
    items = resources
      .map((resource, index) => ({ resource, index }))
      .sort((x, y) => {
        for (const { property, descending } of keys) {
          const order = compareValues(x.resource[property], y.resource[property]);
          if (order !== 0) return descending ? -order : order;
        }
        return x.index - y.index;
      })
      .map(({ resource }) => resource);
  }
  const total = items.length;
  const size = options.top ?? DEFAULT_PAGE_SIZE;
  const offset = options.skip + options.skipToken;
  const value = items
    .slice(offset, offset + size)
    .map((item) => project(typeof item === 'string' ? resourceOf(item) : item, options.select, type));
  const page: CollectionPage = { value };
  if (options.count) page.count = total;
  if (offset + size < total) {
    const next = new URL(selfUrl);
    for (const name of [...next.searchParams.keys()]) {
      if (/^\$?(top|skiptoken)$/i.test(name)) next.searchParams.delete(name);
    }
    next.searchParams.set('$top', String(size));
    next.searchParams.set('$skiptoken', String(options.skipToken + size));
    // Graph writes option names with a literal `$` (…?$top=…&$skiptoken=…); values stay percent-encoded.
    next.search = [...next.searchParams]
      .map(([name, value]) => `${encodeURIComponent(name).replace(/^%24/, '$')}=${encodeURIComponent(value)}`)
      .join('&');
    page.nextLink = next.toString();
  }
  return page;
}
