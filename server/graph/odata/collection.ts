// One page of an OData collection: filtered, ordered, skipped, paged with @odata.nextLink, counted, then projected.
import type { GraphVersion } from '../graph-resources.js';
import type { EntityType } from './entity-type.js';
import { filterPredicate } from './filter.js';
import { compareOrderValues } from './order-values.js';
import { listingOf, type OrderValue, type PageCursor, writeCursor } from './page-cursor.js';
import { DEFAULT_PAGE_SIZE, invalidSkipToken, type OrderBy, type QueryOptions } from './query-options.js';

type Resource = Record<string, unknown>;

export interface CollectionPage {
  value: Resource[];
  count?: number;
  nextLink?: string;
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

/** The members of a collection, in the store's listing order, and how to build and place each. */
export interface CollectionMembers {
  /** What the members are (the store, the entity set, the user it is scoped to): a $skiptoken names it. */
  listing: string;
  ids: readonly string[];
  resourceOf: (id: string) => Resource;
  /** A member's listing sequence (server/store/store.ts): increasing along `ids`. */
  sequenceOf: (id: string) => number | undefined;
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
export function collectionCount(members: CollectionMembers, options: QueryOptions, type: EntityType): number {
  return filtered(members.ids, members.resourceOf, options, type).length;
}

/** Compares by the $orderby properties, then by listing sequence: the total order a cursor places itself in. */
function compareOrdered(
  keys: readonly OrderBy[],
  a: { values: readonly unknown[]; sequence: number },
  b: { values: readonly unknown[]; sequence: number },
): number {
  for (const [index, { descending }] of keys.entries()) {
    const order = compareOrderValues(a.values[index], b.values[index]);
    if (order !== 0) return descending ? -order : order;
  }
  return a.sequence - b.sequence;
}

/** Whether a cursor's values are one per $orderby clause, each of its property's kind (or null). */
function keysFit(keys: readonly OrderValue[], orderBy: readonly OrderBy[], type: EntityType): boolean {
  if (keys.length !== orderBy.length) return false;
  return orderBy.every(({ property }, index) => {
    const value = keys[index];
    if (value === null) return true;
    switch (type.kindOf(property)) {
      case 'number':
        return typeof value === 'number';
      case 'boolean':
        return typeof value === 'boolean';
      default:
        return typeof value === 'string';
    }
  });
}

/** The first index in `items` whose member `isAfter` holds for (they are sorted, so a binary search). */
function firstAfter<T>(items: readonly T[], isAfter: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAfter(items[middle] as T)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * Without $filter or $orderby only the page's resources are built, so a page costs its own size and not the
 * fleet's; with them every resource is built once. A nextLink's $skiptoken is a cursor after the page's last member:
 * the next page starts after it however many members joined or left in between.
 */
export function collectionPage(
  members: CollectionMembers,
  options: QueryOptions,
  type: EntityType,
  selfUrl: URL,
  version: GraphVersion,
): CollectionPage {
  const { resourceOf } = members;
  const sequenceOf = (item: string | Resource) => {
    const id = typeof item === 'string' ? item : String(item.id);
    const sequence = members.sequenceOf(id);
    if (sequence === undefined) throw new Error(`The member ${id} has no listing sequence.`);
    return sequence;
  };
  const keys = options.orderBy;
  const listing = listingOf(members.listing, options.filter, keys);
  const cursor = options.cursor;
  // A token places nothing in any listing but its own: another collection, user, store, $filter or $orderby, or
  // order values not of their properties' kinds.
  if (cursor && (cursor.listing !== listing || !keysFit(cursor.keys ?? [], keys, type)))
    throw invalidSkipToken();
  const orderValues = (resource: Resource): OrderValue[] =>
    keys.map(({ property }) => (resource[property] ?? null) as OrderValue);
  let items = filtered(members.ids, resourceOf, options, type);
  if (keys.length > 0) {
    items = items
      .map((item) => {
        const resource = typeof item === 'string' ? resourceOf(item) : item;
        return { resource, values: orderValues(resource), sequence: sequenceOf(resource) };
      })
      .sort((x, y) => compareOrdered(keys, x, y))
      .map(({ resource }) => resource);
  }
  const total = items.length;
  const size = options.top ?? DEFAULT_PAGE_SIZE;
  const start = !cursor
    ? 0
    : firstAfter(items, (item) => {
        if (keys.length === 0) return sequenceOf(item) > cursor.after;
        const resource = item as Resource;
        const placed = { values: orderValues(resource), sequence: sequenceOf(resource) };
        return compareOrdered(keys, placed, { values: cursor.keys ?? [], sequence: cursor.after }) > 0;
      });
  const offset = start + options.skip;
  const resources = items
    .slice(offset, offset + size)
    .map((item) => (typeof item === 'string' ? resourceOf(item) : item));
  const page: CollectionPage = {
    value: resources.map((resource) => project(resource, options.select, type)),
  };
  if (options.count) page.count = total;
  const last = resources.at(-1);
  if (last && offset + size < total) {
    const next = new URL(selfUrl);
    // The cursor holds the $skip already taken; $top stays the page size the client asked for. Names without `$` are
    // these options on beta only; on v1.0 they are the client's own parameters and stay.
    const replaced = version === 'beta' ? /^\$?(top|skip|skiptoken)$/i : /^\$(top|skip|skiptoken)$/i;
    for (const name of [...next.searchParams.keys()]) {
      if (replaced.test(name)) next.searchParams.delete(name);
    }
    const after: PageCursor = { listing, after: sequenceOf(last) };
    if (keys.length > 0) after.keys = orderValues(last);
    next.searchParams.set('$top', String(size));
    next.searchParams.set('$skiptoken', writeCursor(after));
    // Graph writes option names with a literal `$` (…?$top=…&$skiptoken=…); values stay percent-encoded.
    next.search = [...next.searchParams]
      .map(([name, value]) => `${encodeURIComponent(name).replace(/^%24/, '$')}=${encodeURIComponent(value)}`)
      .join('&');
    page.nextLink = next.toString();
  }
  return page;
}
