// OData system query options as Intune answers them: every one honoured or refused with Graph's 400, none ignored.
import { z } from 'zod';
import { badRequest } from '../../http-error.js';
import type { GraphVersion } from '../graph-resources.js';
import type { EntityType } from './entity-type.js';
import { type FilterNode, parseFilter } from './filter.js';
import { type PageCursor, readCursor } from './page-cursor.js';

/** Intune's page size: the default and the largest $top it accepts on these collections. */
export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 1000;

export type RouteShape = 'collection' | 'entity' | 'count' | 'action';

export interface OrderBy {
  property: string;
  descending: boolean;
}

export interface QueryOptions {
  filter?: FilterNode;
  orderBy: OrderBy[];
  top?: number;
  skip: number;
  /** Where the page of an @odata.nextLink starts: its $skiptoken. */
  cursor?: PageCursor;
  count: boolean;
  select?: string[];
}

const KNOWN = [
  'filter',
  'orderby',
  'top',
  'skip',
  'skiptoken',
  'count',
  'select',
  'search',
  'expand',
  'format',
  'apply',
  'compute',
  'levels',
  'deltatoken',
  'index',
] as const;
type Known = (typeof KNOWN)[number];

/** Which options each route shape accepts; the rest get the 400 ASP.NET OData (and so Intune) gives. */
const ALLOWED: Record<RouteShape, ReadonlySet<Known>> = {
  collection: new Set(['filter', 'orderby', 'top', 'skip', 'skiptoken', 'count', 'select']),
  entity: new Set(['select']),
  count: new Set(['filter']),
  action: new Set([]),
};
const ODATA_NAME: Record<Known, string> = {
  filter: 'Filter',
  orderby: 'OrderBy',
  top: 'Top',
  skip: 'Skip',
  skiptoken: 'SkipToken',
  count: 'Count',
  select: 'Select',
  search: 'Search',
  expand: 'Expand',
  format: 'Format',
  apply: 'Apply',
  compute: 'Compute',
  levels: 'Levels',
  deltatoken: 'DeltaToken',
  index: 'Index',
};

/** The raw query string as name → values; the edge check that it is plain text of bounded size. */
const RawQuery = z.array(z.tuple([z.string().max(256), z.string().max(8192)])).max(64);

/**
 * The options ASP.NET OData refuses empty or blank, before it checks which options the route allows: building its
 * ODataQueryOptions calls ThrowIfEmpty (`String.IsNullOrWhiteSpace`) on $filter, $orderby, $top, $skip, $count and
 * $apply (OData/WebApi ddfd3dd7, src/Microsoft.AspNet.OData.Shared/Query/ODataQueryOptions.cs lines 923-964; the
 * layer whose validator messages, such as notAllowed's below, mdmsim takes Intune to answer with). ODL's own
 * ODataQueryOptionParser.ParseFilter/ParseOrderBy would read an empty one as absent, but is never handed one.
 * $select, $expand, $search, $skiptoken and $format are not checked there and keep their own answers below.
 */
const REFUSED_EMPTY = new Set<Known>(['filter', 'orderby', 'top', 'skip', 'count', 'apply']);
/** .NET's Char.IsWhiteSpace: JavaScript's \s without U+FEFF, with U+0085. */
const BLANK = /^(?:(?!\uFEFF)[\s\u0085])*$/u;
/** SRResources.QueryCannotBeEmpty (OData/WebApi, src/Microsoft.AspNet.OData.Shared/Common/SRResources.resx:199). */
const emptyOption = (option: Known) => badRequest(`The value for OData query '$${option}' cannot be empty.`);

const notAllowed = (option: Known) =>
  badRequest(
    `The query specified in the URI is not valid. Query option '${ODATA_NAME[option]}' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.`,
  );

function nonNegativeInteger(option: string, value: string, max?: number): number {
  if (!/^\d{1,9}$/.test(value.trim())) {
    throw badRequest(
      `Invalid value '${value}' for $${option} query option found. The $${option} query option requires a non-negative integer value.`,
    );
  }
  const number = Number(value.trim());
  if (max !== undefined && number > max) {
    throw badRequest(
      `The limit of '${max}' for Top query has been exceeded. The value from the incoming request is '${number}'.`,
    );
  }
  return number;
}

/**
 * The properties `$select` names, each once: ODL's SelectExpandBinder (OData/odata.net, release-7.x) ignores a repeated
 * item without options "for backward compat", so `$select=id,id` selects `id` (and the context names it once).
 */
function propertyList(text: string, type: EntityType): string[] {
  const names = text.split(',').map((name) => name.trim());
  const properties = names.map((name) => {
    if (name === '') throw badRequest(`Invalid $select: an empty property name in '${text}'.`);
    const resolved = type.resolve(name);
    if (resolved === undefined) {
      throw badRequest(`Could not find a property named '${name}' on type '${type.name}'.`);
    }
    return resolved;
  });
  return [...new Set(properties)];
}

/** More $orderby clauses than any listing needs; a $skiptoken carries one value per clause. */
export const MAX_ORDER_BY_CLAUSES = 8;

function orderByList(text: string, type: EntityType): OrderBy[] {
  const clauses = text.split(',');
  if (clauses.length > MAX_ORDER_BY_CLAUSES) {
    throw badRequest(
      `The $orderby has ${clauses.length} clauses; at most ${MAX_ORDER_BY_CLAUSES} are supported.`,
    );
  }
  const seen = new Set<string>();
  return clauses.map((clause) => {
    const match = /^\s*([A-Za-z_]\w*)(?:\s+(asc|desc))?\s*$/i.exec(clause);
    if (!match?.[1]) throw badRequest(`Invalid $orderby clause '${clause.trim()}': use property [asc|desc].`);
    const property = type.resolve(match[1]);
    if (property === undefined) {
      throw badRequest(`Could not find a property named '${match[1]}' on type '${type.name}'.`);
    }
    const kind = type.kindOf(property);
    if (kind === 'collection' || kind === 'complex') {
      throw badRequest(
        `The $orderby expression must evaluate to a single value of primitive type: '${property}'.`,
      );
    }
    // ASP.NET OData's (and so Intune's) refusal of a property ordered by twice.
    if (seen.has(property))
      throw badRequest(`Duplicate property named '${property}' is not supported in '$orderby'.`);
    seen.add(property);
    return { property, descending: match[2]?.toLowerCase() === 'desc' };
  });
}

/** A $skiptoken this server did not write for this listing: Graph's 400. */
export const invalidSkipToken = () =>
  badRequest('The $skiptoken is not valid: use the @odata.nextLink as given.');

/**
 * Reads the query string of a Graph request. Option names are case-insensitive; beta also takes them without the
 * `$`. Parameters that are not OData options (no `$`, or not an option name on v1.0) are not Graph's business and
 * pass, as in Graph; a `$` name OData does not define is a 400.
 */
export function parseQueryOptions(
  search: string,
  shape: RouteShape,
  type: EntityType,
  version: GraphVersion,
): QueryOptions {
  // No query string at all (every action call, most reads): the defaults, with nothing to parse.
  if (search === '' || search === '?') return { orderBy: [], skip: 0, count: false };
  const raw = RawQuery.safeParse([...new URLSearchParams(search)]);
  if (!raw.success) throw badRequest('The query string is too long or has too many parameters.');
  const values = new Map<Known, string>();
  for (const [name, value] of raw.data) {
    const dollar = name.startsWith('$');
    const bare = (dollar ? name.slice(1) : name).toLowerCase();
    if (!dollar && version !== 'beta') continue;
    if (!(KNOWN as readonly string[]).includes(bare)) {
      if (dollar) throw badRequest(`The query parameter '${name}' is not supported.`);
      continue;
    }
    const option = bare as Known;
    if (values.has(option))
      throw badRequest(
        `Query option '$${option}' was specified more than once, but it must be specified at most once.`,
      );
    if (REFUSED_EMPTY.has(option) && BLANK.test(value)) throw emptyOption(option);
    values.set(option, value);
  }
  for (const option of values.keys()) {
    if (option === 'search' && ALLOWED[shape].has('filter')) {
      throw badRequest(`$search is not supported on type '${type.name}'; use $filter.`);
    }
    if (!ALLOWED[shape].has(option)) throw notAllowed(option);
  }
  const options: QueryOptions = { orderBy: [], skip: 0, count: false };
  const filter = values.get('filter');
  if (filter !== undefined) options.filter = parseFilter(filter, type, version);
  const orderBy = values.get('orderby');
  if (orderBy !== undefined) options.orderBy = orderByList(orderBy, type);
  const top = values.get('top');
  if (top !== undefined) {
    options.top = nonNegativeInteger('top', top, MAX_PAGE_SIZE);
    if (options.top === 0)
      throw badRequest("Invalid value '0' for $top query option found. $top must be at least 1.");
  }
  const skip = values.get('skip');
  if (skip !== undefined) options.skip = nonNegativeInteger('skip', skip);
  const skipToken = values.get('skiptoken');
  if (skipToken !== undefined) {
    // Read here; whether it belongs to the listing asked for is the page's to say (collection.ts).
    const cursor = readCursor(skipToken);
    if (!cursor) throw invalidSkipToken();
    options.cursor = cursor;
  }
  const count = values.get('count');
  if (count !== undefined) {
    const normalized = count.trim().toLowerCase();
    if (normalized !== 'true' && normalized !== 'false') {
      throw badRequest(
        `Invalid value '${count}' for $count query option found. Valid values are 'true' and 'false'.`,
      );
    }
    options.count = normalized === 'true';
  }
  const select = values.get('select');
  if (select !== undefined) options.select = propertyList(select, type);
  return options;
}
