// $filter as Intune answers it: comparisons, startswith, contains (where Graph documents it), in, and/or/not and
// parentheses, with case-insensitive strings.
// Parsed in two steps as OData's URI parser (ODL: Microsoft.OData.Core, which ASP.NET OData is built on and Intune is
// taken to run) does: the syntax first, then each property is bound to the entity type and each literal checked
// against the property's Edm type, so a literal of the wrong type is a 400 whatever the data. Messages are ODL's
// (OData/odata.net release-7.x, src/Microsoft.OData.Core/Microsoft.OData.Core.txt), unverified for Intune.
import { badRequest } from '../../http-error.js';
import type { GraphVersion } from '../graph-resources.js';
import { containsProperties } from './contains-properties.js';
import type { EntityType } from './entity-type.js';

type Comparison = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
/** The string functions Intune takes: startswith on any string property, contains where Graph documents it. */
type StringFunction = 'startswith' | 'contains';

/** A literal as written, typed as OData's lexer types it. */
type Literal =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number; text: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' }
  | { type: 'dateTime'; value: number };

/** The filter as written: property names unresolved, literals untyped against them. */
type Syntax =
  | { kind: 'and' | 'or'; left: Syntax; right: Syntax }
  | { kind: 'not'; operand: Syntax }
  | { kind: 'compare'; op: Comparison; property: string; value: Literal }
  | { kind: 'in'; property: string; values: Literal[] }
  | { kind: StringFunction; name: string; property: string; value: Literal };

/** A comparable value: a string property's lower-cased, an enum member as named, a date in ms. */
type Value = string | number | boolean | null;

/** The bound filter: properties resolved, every literal of its property's type. */
export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: Comparison; property: string; value: Value }
  | { kind: 'in'; property: string; values: Value[] }
  | { kind: StringFunction; property: string; value: string | null };

export const MAX_FILTER_LENGTH = 4096;
const MAX_DEPTH = 32;

// A date and time is what ODL's lexer takes for one (PlatformHelper.PotentialDateTimeOffsetValidator) up to the next
// space, ',' or ')' (ExpressionLexer.ParseLiteral); whether it is a valid one is checked after.
const TOKEN =
  /\s*(?:(?<string>'(?:[^']|'')*')|(?<dateTime>\d{2,4}-\d{1,2}-\d{1,2}T\d{1,2}:\d{1,2}[^\s,)]*)|(?<number>-?\d+(?:\.\d+)?(?![\w-]))|(?<punct>[(),])|(?<word>[A-Za-z_][\w.]*))/y;

type Token =
  | { type: 'string'; value: string }
  | { type: 'dateTime'; value: number }
  | { type: 'number'; value: number; text: string }
  | { type: 'punct'; value: string }
  | { type: 'word'; value: string };

const invalid = (detail: string) => badRequest(`Invalid filter clause: ${detail}`);

/** The 400 for a function Intune's collection does not take, as the function is written. */
const unsupportedFunction = (name: string, typeName: string) =>
  badRequest(`Invalid filter clause: the function '${name}' is not supported on type '${typeName}'.`);

/** XML Schema's dateTime with a zone, as ODL reads a DateTimeOffset literal (XmlConvert.ToDateTimeOffset). */
const DATE_TIME_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
/** DateTimeOffset's range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z. */
const MIN_DATE_TIME = -62_135_596_800_000;
const MAX_DATE_TIME = 253_402_300_799_999;

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The instant a DateTimeOffset literal names, in ms, or undefined where .NET refuses it (month 13, 24:00, +15:00). */
function dateTimeOffsetOf(text: string): number | undefined {
  const match = DATE_TIME_OFFSET.exec(text);
  if (!match) return undefined;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  const fraction = match[7] ?? '';
  const sign = match[8];
  const zoneHours = Number(match[9] ?? 0);
  const zoneMinutes = Number(match[10] ?? 0);
  const daysInMonth =
    [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (year < 1 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
  // An offset is at most 14 hours either way (DateTimeOffset's ArgumentOutOfRangeException).
  if (zoneMinutes > 59 || zoneHours * 60 + zoneMinutes > 14 * 60) return undefined;
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, '0')));
  const offset = (sign === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes) * 60_000;
  const instant = local.getTime() - offset;
  return instant < MIN_DATE_TIME || instant > MAX_DATE_TIME ? undefined : instant;
}

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
    else if (dateTime !== undefined) {
      const instant = dateTimeOffsetOf(dateTime);
      // ODL's lexer refuses it there and then (UriUtils.ConvertUriStringToDateTimeOffset), before any binding.
      if (instant === undefined) {
        throw badRequest(
          `The DateTimeOffset text '${dateTime}' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range.`,
        );
      }
      tokens.push({ type: 'dateTime', value: instant });
    } else if (number !== undefined) tokens.push({ type: 'number', value: Number(number), text: number });
    else if (punct !== undefined) tokens.push({ type: 'punct', value: punct });
    else if (word !== undefined) tokens.push({ type: 'word', value: word });
    position = TOKEN.lastIndex;
  }
  return tokens;
}

const COMPARISONS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const STRING_FUNCTIONS = new Set<string>(['startswith', 'contains']);
/** Functions OData has that Intune's managedDevices and remoteActionAudits do not support (contains: see bind). */
const UNSUPPORTED_FUNCTIONS = new Set(['endswith', 'substring', 'tolower', 'toupper', 'indexof', 'length']);

/** The syntax of a filter: ODL's UriQueryExpressionParser step, which knows nothing of the entity type. */
function parseSyntax(text: string, typeName: string): Syntax {
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
    return token.value;
  };

  const literal = (): Literal => {
    const token = next();
    if (!token) throw invalid(`expected a value in '${text}'.`);
    if (token.type === 'string') return { type: 'string', value: token.value };
    if (token.type === 'number') return { type: 'number', value: token.value, text: token.text };
    if (token.type === 'dateTime') return { type: 'dateTime', value: token.value };
    if (token.type === 'word') {
      const word = token.value.toLowerCase();
      if (word === 'true') return { type: 'boolean', value: true };
      if (word === 'false') return { type: 'boolean', value: false };
      if (word === 'null') return { type: 'null' };
    }
    throw invalid(`'${token.value}' is not a value in '${text}'.`);
  };

  const primary = (depth: number): Syntax => {
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
      if (!STRING_FUNCTIONS.has(name)) {
        throw UNSUPPORTED_FUNCTIONS.has(name)
          ? unsupportedFunction(token.value, typeName)
          : invalid(`unknown function '${token.value}'.`);
      }
      next();
      expectPunct('(');
      const subject = property();
      expectPunct(',');
      const value = literal();
      expectPunct(')');
      return { kind: name as StringFunction, name: token.value, property: subject, value };
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

  const and = (depth: number): Syntax => {
    let left = primary(depth);
    while (isWord(peek(), 'and')) {
      next();
      left = { kind: 'and', left, right: primary(depth) };
    }
    return left;
  };

  const or = (depth: number): Syntax => {
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

/** ODL's BinaryOperatorKind names, as its messages print them. */
const OPERATOR_KIND: Record<Comparison, string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
};

/** Int32 and Int64 bounds: ODL types an integer literal by the smallest that holds it. */
const INT32 = 2n ** 31n;
const INT64 = 2n ** 63n;

/** A decimal number's digits and exponent, so '1.50' and '1.5e0' compare equal as text. */
function decimalKey(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  let digits = (whole + fraction).replace(/^0+/, '');
  let power = Number(exponent) - fraction.length;
  if (digits === '') return '0';
  while (digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    power++;
  }
  return `${sign}${digits}e${power}`;
}

/** The shortest text a Single reads back from, as .NET's float.ToString("R") writes it. */
function singleText(single: number): string {
  for (let precision = 1; precision < 9; precision++) {
    const text = single.toPrecision(precision);
    if (Math.fround(Number(text)) === single) return text;
  }
  return single.toPrecision(9);
}

/** The Edm type ODL's lexer gives a number without suffix (ExpressionLexer.MakeBestGuessOnNoSuffixStr). */
function numberEdmType(text: string): string {
  if (/^-?\d+$/.test(text)) {
    const integer = BigInt(text);
    if (integer >= -INT32 && integer < INT32) return 'Edm.Int32';
    if (integer >= -INT64 && integer < INT64) return 'Edm.Int64';
  }
  const double = Number(text);
  // Decimal where a Double would lose digits, Double where a Single would, else Single.
  if (Math.abs(double) > 7.9e28) return 'Edm.Double';
  if (decimalKey(String(double)) !== decimalKey(text)) return 'Edm.Decimal';
  if (Number(singleText(Math.fround(double))) !== double) return 'Edm.Double';
  return 'Edm.Single';
}

function literalEdmType(literal: Literal): string {
  switch (literal.type) {
    case 'string':
      return 'Edm.String';
    case 'boolean':
      return 'Edm.Boolean';
    case 'dateTime':
      return 'Edm.DateTimeOffset';
    case 'number':
      return numberEdmType(literal.text);
    case 'null':
      // ODL writes a missing type so (BinaryOperatorBinder.PromoteOperandTypes).
      return '<null>';
  }
}

/** ODL's MetadataBinder_IncompatibleOperandsError. */
const incompatible = (left: string, right: string, op: Comparison) =>
  badRequest(
    `A binary operator with incompatible types was detected. Found operand types '${left}' and '${right}' for operator kind '${OPERATOR_KIND[op]}'.`,
  );

/** The literal's comparable value once it is known to suit the property, or the 400 ODL's binder gives. */
function bindLiteral(op: Comparison, property: string, literal: Literal, type: EntityType): Value {
  const kind = type.kindOf(property);
  const edmType = type.edmTypeOf(property) ?? kind;
  if (kind === 'enum') {
    // Comparing an enum with a string is valid for eq and ne, and the string must name a member: ignoring case, as
    // StringAsEnumResolver (the resolver that lets a member be written as a plain string, as Graph takes it) parses
    // it, `enumType.TryParseEnum(value, true, …)`; an enum does not order, and a number is not taken for a member
    // (ODL 7.21.4 and later take one, earlier ones do not).
    if ((op === 'eq' || op === 'ne') && literal.type === 'null') return null;
    if ((op === 'eq' || op === 'ne') && literal.type === 'string') {
      const wanted = literal.value.toLowerCase();
      const member = type.membersOf(property)?.find((name) => name.toLowerCase() === wanted);
      if (member === undefined) {
        throw badRequest(`The string '${literal.value}' is not a valid enumeration type constant.`);
      }
      return member;
    }
    throw incompatible(edmType, literalEdmType(literal), op);
  }
  switch (literal.type) {
    case 'null':
      return null;
    case 'string':
      if (kind === 'string') return literal.value.toLowerCase();
      break;
    case 'boolean':
      if (kind === 'boolean') return literal.value;
      break;
    case 'number':
      // Any number against an integer property: ODL promotes Int32 to Int64, and both to Single, Double, Decimal.
      if (kind === 'number') return literal.value;
      break;
    case 'dateTime':
      if (kind === 'dateTime') return literal.value;
      break;
  }
  throw incompatible(edmType, literalEdmType(literal), op);
}

/** ODL's signature of startswith and contains, as MetadataBinder_NoApplicableFunctionFound lists it. */
const noStringFunctionSignature = (name: string) =>
  badRequest(
    `No function signature for the function with name '${name}' matches the specified arguments. The function signatures considered are: ${name}(Edm.String Nullable=true, Edm.String Nullable=true).`,
  );

/**
 * Binds the syntax to the entity type: ODL's MetadataBinder step, left to right. `containable` are the properties
 * contains() may take (contains-properties.ts); on any other property it keeps the refusal of unsupported functions.
 */
function bind(node: Syntax, type: EntityType, containable: ReadonlySet<string>): FilterNode {
  const resolve = (name: string): string => {
    const resolved = type.resolve(name);
    if (resolved === undefined) {
      throw badRequest(`Could not find a property named '${name}' on type '${type.name}'.`);
    }
    const kind = type.kindOf(resolved);
    if (kind === 'collection' || kind === 'complex') {
      throw badRequest(`Filtering on property '${resolved}' of type '${type.name}' is not supported.`);
    }
    return resolved;
  };
  switch (node.kind) {
    case 'and':
    case 'or':
      return {
        kind: node.kind,
        left: bind(node.left, type, containable),
        right: bind(node.right, type, containable),
      };
    case 'not':
      return { kind: 'not', operand: bind(node.operand, type, containable) };
    case 'compare': {
      const property = resolve(node.property);
      return {
        kind: 'compare',
        op: node.op,
        property,
        value: bindLiteral(node.op, property, node.value, type),
      };
    }
    case 'in': {
      // Each item as `eq` would take it (mdmsim's choice: ODL reads the list as a JSON collection instead).
      const property = resolve(node.property);
      const values = node.values.map((value) => bindLiteral('eq', property, value, type));
      return { kind: 'in', property, values };
    }
    case 'startswith':
    case 'contains': {
      const property = resolve(node.property);
      if (node.kind === 'contains' && !containable.has(property))
        throw unsupportedFunction(node.name, type.name);
      const { value } = node;
      if (type.kindOf(property) !== 'string' || (value.type !== 'string' && value.type !== 'null')) {
        throw noStringFunctionSignature(node.name);
      }
      return {
        kind: node.kind,
        property,
        value: value.type === 'null' ? null : value.value.toLowerCase(),
      };
    }
  }
}

/**
 * Parses and binds a $filter: a 400 for bad syntax, an unknown property, a literal of the wrong type or contains() on
 * a property Graph does not document it for on this version.
 */
export function parseFilter(text: string, type: EntityType, version: GraphVersion): FilterNode {
  return bind(parseSyntax(text, type.name), type, containsProperties(type.name, version));
}

/** Comparable form of a property value: strings lower-cased (Intune compares case-insensitively), dates as ms. */
function comparable(value: unknown, kind: string): Value {
  if (value === null || value === undefined) return null;
  if (kind === 'dateTime' && typeof value === 'string') return Date.parse(value);
  if (kind === 'string' && typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

function compare(op: Comparison, left: Value, right: Value): boolean {
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

/** A predicate over resources; the literals were checked against each property's type when the filter was parsed. */
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
        return (entity) => compare(node.op, comparable(entity[node.property], kind), node.value);
      }
      case 'in': {
        const kind = type.kindOf(node.property);
        return (entity) => node.values.includes(comparable(entity[node.property], kind));
      }
      case 'startswith':
      case 'contains': {
        // Both sides lower-cased, as `eq` compares strings: Intune's string comparisons ignore case (README, Graph
        // query options). A null property (or a null argument) matches neither function, so `not` of one holds there,
        // as `not` of any other term does.
        const text = node.value;
        const matches =
          node.kind === 'startswith'
            ? (value: string, part: string) => value.startsWith(part)
            : (value: string, part: string) => value.includes(part);
        return (entity) => {
          const value = entity[node.property];
          return text !== null && typeof value === 'string' && matches(value.toLowerCase(), text);
        };
      }
    }
  };
  return build(tree);
}
