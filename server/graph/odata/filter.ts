// $filter as Intune answers it: comparisons, startswith, in, and/or/not and parentheses, with case-insensitive strings.
import { badRequest } from '../../http-error.js';
import type { EntityType } from './entity-type.js';

type Literal = string | number | boolean | null | { dateTime: number };
type Comparison = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: Comparison; property: string; value: Literal }
  | { kind: 'in'; property: string; values: Literal[] }
  | { kind: 'startswith'; property: string; value: string };

export const MAX_FILTER_LENGTH = 4096;
const MAX_DEPTH = 32;

const TOKEN =
  /\s*(?:(?<string>'(?:[^']|'')*')|(?<dateTime>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2}))|(?<number>-?\d+(?:\.\d+)?(?![\w-]))|(?<punct>[(),])|(?<word>[A-Za-z_][\w.]*))/y;

type Token =
  | { type: 'string'; value: string }
  | { type: 'dateTime'; value: number }
  | { type: 'number'; value: number }
  | { type: 'punct'; value: string }
  | { type: 'word'; value: string };

const invalid = (detail: string) => badRequest(`Invalid filter clause: ${detail}`);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let position = 0;
  while (position < text.length) {
    if (/^\s*$/.test(text.slice(position))) break;
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(text);
    if (!match?.groups) throw invalid(`syntax error at position ${position} in '${text}'.`);
    const { string, dateTime, number, punct, word } = match.groups;
    if (string !== undefined)
      tokens.push({ type: 'string', value: string.slice(1, -1).replaceAll("''", "'") });
    else if (dateTime !== undefined) tokens.push({ type: 'dateTime', value: Date.parse(dateTime) });
    else if (number !== undefined) tokens.push({ type: 'number', value: Number(number) });
    else if (punct !== undefined) tokens.push({ type: 'punct', value: punct });
    else if (word !== undefined) tokens.push({ type: 'word', value: word });
    position = TOKEN.lastIndex;
  }
  return tokens;
}

const COMPARISONS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
/** Functions OData has that Intune's managedDevices and remoteActionAudits do not support. */
const UNSUPPORTED_FUNCTIONS = new Set([
  'contains',
  'endswith',
  'substring',
  'tolower',
  'toupper',
  'indexof',
  'length',
]);

export function parseFilter(text: string, type: EntityType): FilterNode {
  if (text.length > MAX_FILTER_LENGTH)
    throw invalid(`the filter is longer than ${MAX_FILTER_LENGTH} characters.`);
  const tokens = tokenize(text);
  let index = 0;
  const peek = () => tokens[index];
  const next = () => tokens[index++];
  const isWord = (token: Token | undefined, word: string): boolean =>
    token?.type === 'word' && token.value.toLowerCase() === word;
  const expectPunct = (value: string) => {
    const token = next();
    if (token?.type !== 'punct' || token.value !== value) throw invalid(`expected '${value}' in '${text}'.`);
  };

  const property = (): string => {
    const token = next();
    if (token?.type !== 'word') throw invalid(`expected a property name in '${text}'.`);
    const resolved = type.resolve(token.value);
    if (resolved === undefined) {
      throw badRequest(`Could not find a property named '${token.value}' on type '${type.name}'.`);
    }
    const kind = type.kindOf(resolved);
    if (kind === 'collection' || kind === 'complex') {
      throw badRequest(`Filtering on property '${resolved}' of type '${type.name}' is not supported.`);
    }
    return resolved;
  };

  const literal = (): Literal => {
    const token = next();
    if (!token) throw invalid(`expected a value in '${text}'.`);
    if (token.type === 'string' || token.type === 'number') return token.value;
    if (token.type === 'dateTime') return { dateTime: token.value };
    if (token.type === 'word') {
      const word = token.value.toLowerCase();
      if (word === 'true') return true;
      if (word === 'false') return false;
      if (word === 'null') return null;
    }
    throw invalid(`'${token.value}' is not a value in '${text}'.`);
  };

  const primary = (depth: number): FilterNode => {
    if (depth > MAX_DEPTH) throw invalid('the filter nests too deeply.');
    const token = peek();
    if (token?.type === 'punct' && token.value === '(') {
      next();
      const inner = or(depth + 1);
      expectPunct(')');
      return inner;
    }
    if (isWord(token, 'not')) {
      next();
      return { kind: 'not', operand: primary(depth + 1) };
    }
    if (token?.type === 'word' && tokens[index + 1]?.type === 'punct' && tokens[index + 1]?.value === '(') {
      const name = token.value.toLowerCase();
      if (name !== 'startswith') {
        throw badRequest(
          UNSUPPORTED_FUNCTIONS.has(name)
            ? `Invalid filter clause: the function '${token.value}' is not supported on type '${type.name}'.`
            : `Invalid filter clause: unknown function '${token.value}'.`,
        );
      }
      next();
      expectPunct('(');
      const subject = property();
      expectPunct(',');
      const value = literal();
      expectPunct(')');
      if (typeof value !== 'string') throw invalid('startswith takes a string value.');
      return { kind: 'startswith', property: subject, value };
    }
    const subject = property();
    const operator = next();
    if (isWord(operator, 'in')) {
      expectPunct('(');
      const values = [literal()];
      while (peek()?.type === 'punct' && peek()?.value === ',') {
        next();
        values.push(literal());
      }
      expectPunct(')');
      return { kind: 'in', property: subject, values };
    }
    if (operator?.type !== 'word' || !COMPARISONS.has(operator.value.toLowerCase())) {
      throw invalid(`expected an operator (eq, ne, gt, ge, lt, le, in) after '${subject}' in '${text}'.`);
    }
    return {
      kind: 'compare',
      op: operator.value.toLowerCase() as Comparison,
      property: subject,
      value: literal(),
    };
  };

  const and = (depth: number): FilterNode => {
    let left = primary(depth);
    while (isWord(peek(), 'and')) {
      next();
      left = { kind: 'and', left, right: primary(depth) };
    }
    return left;
  };

  const or = (depth: number): FilterNode => {
    let left = and(depth);
    while (isWord(peek(), 'or')) {
      next();
      left = { kind: 'or', left, right: and(depth) };
    }
    return left;
  };

  const tree = or(0);
  if (index !== tokens.length) throw invalid(`unexpected '${String(tokens[index]?.value)}' in '${text}'.`);
  return tree;
}

/** Comparable form of a property value: strings lower-cased (Intune compares case-insensitively), dates as ms. */
function comparable(value: unknown, kind: string): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (kind === 'dateTime' && typeof value === 'string') return Date.parse(value);
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value).toLowerCase();
}

function literalComparable(value: Literal, kind: string): string | number | boolean | null {
  if (value !== null && typeof value === 'object') return value.dateTime;
  if (kind === 'dateTime' && typeof value === 'string') {
    const parsed = Date.parse(value);
    if (Number.isNaN(parsed)) throw invalid(`'${value}' is not a date and time.`);
    return parsed;
  }
  return typeof value === 'string' ? value.toLowerCase() : value;
}

function compare(op: Comparison, left: unknown, right: unknown): boolean {
  if (op === 'eq') return left === right;
  if (op === 'ne') return left !== right;
  if (left === null || right === null || typeof left !== typeof right) return false;
  const a = left as string | number;
  const b = right as string | number;
  if (op === 'gt') return a > b;
  if (op === 'ge') return a >= b;
  if (op === 'lt') return a < b;
  return a <= b;
}

/** A predicate over resources; literals are checked against each property's kind once, up front. */
export function filterPredicate(
  tree: FilterNode,
  type: EntityType,
): (entity: Record<string, unknown>) => boolean {
  const build = (node: FilterNode): ((entity: Record<string, unknown>) => boolean) => {
    switch (node.kind) {
      case 'and': {
        const [l, r] = [build(node.left), build(node.right)];
        return (entity) => l(entity) && r(entity);
      }
      case 'or': {
        const [l, r] = [build(node.left), build(node.right)];
        return (entity) => l(entity) || r(entity);
      }
      case 'not': {
        const inner = build(node.operand);
        return (entity) => !inner(entity);
      }
      case 'compare': {
        const kind = type.kindOf(node.property);
        const value = literalComparable(node.value, kind);
        return (entity) => compare(node.op, comparable(entity[node.property], kind), value);
      }
      case 'in': {
        const kind = type.kindOf(node.property);
        const values = node.values.map((value) => literalComparable(value, kind));
        return (entity) => values.includes(comparable(entity[node.property], kind));
      }
      case 'startswith': {
        const prefix = node.value.toLowerCase();
        return (entity) => {
          const value = entity[node.property];
          return typeof value === 'string' && value.toLowerCase().startsWith(prefix);
        };
      }
    }
  };
  return build(tree);
}
