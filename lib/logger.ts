// One logger factory for server and agents, so every process redacts secrets the same way.
import pino, { type Logger, type LoggerOptions } from 'pino';

/**
 * Every key that holds a passcode, token or credential: redacted at the top of a line and one or two objects down
 * (every line we log is at most that deep; a deeper one would need its own path).
 */
export const SECRET_KEYS = [
  'passcode',
  'newPassword',
  'unlockToken',
  'resetToken',
  'deviceSecret',
  'enrollmentToken',
  'adminToken',
  'clientSecret',
  'client_secret',
  'client_assertion',
  'access_token',
  'accessToken',
  'privateKey',
  'simToken',
  'deviceKey',
];

/** Every redacted path: each secret key at the top of a line and one or two objects down, and request credentials. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

/**
 * Query parameter names whose values may be credentials: the event stream's `access_token`, and whatever a client puts
 * in a query by mistake (`client_secret`, `password`, `code`, …). Matched on the decoded name (`access%5Ftoken` is
 * `access_token` to the server), and never on OData's own options (`$skiptoken`), which carry no secret.
 */
const SECRET_PARAMETER_NAME =
  /token|secret|password|passcode|assertion|signature|credential|^code$|^key$|api[-_]?key/i;

/** A query parameter's name as the server reads it; an undecodable one is kept as it is. */
function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * A request URL as it may be logged: the values of query parameters that may carry a secret replaced. The query is
 * everything after the first `?` or `#`, as the router reads it (a request target carries no fragment: a `#` there
 * starts the query too, so `/sim/events#&access_token=…` authenticates), split at every `&`.
 */
export function redactUrl(url: string): string {
  const query = url.search(/[?#]/);
  if (query < 0) return url;
  const parameters = url
    .slice(query + 1)
    .split('&')
    .map((parameter) => {
      const equals = parameter.indexOf('=');
      const rawName = equals < 0 ? parameter : parameter.slice(0, equals);
      const name = decodedName(rawName).trim();
      if (name.startsWith('$') || !SECRET_PARAMETER_NAME.test(name)) return parameter;
      return `${rawName}=[redacted]`;
    });
  return `${url.slice(0, query + 1)}${parameters.join('&')}`;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's request serializer, with the URL redacted; any object logged as `req` serializes without throwing. */
export function requestSerializer(request: LoggedRequest | null | undefined) {
  return {
    method: request?.method,
    url: typeof request?.url === 'string' ? redactUrl(request.url) : undefined,
    host: request?.host,
    remoteAddress: request?.ip,
    remotePort: request?.socket?.remotePort,
  };
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export function loggerOptions(level: LogLevel, name: string): LoggerOptions {
  return {
    name,
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: requestSerializer },
  };
}

/**
 * The options of a process's own logger: readable lines (pino-pretty, in pino's worker thread) when a person is
 * watching the terminal, one JSON object a line otherwise (files, pipes, containers, log collectors).
 */
export function processLoggerOptions(
  level: LogLevel,
  name: string,
  terminal: boolean = process.stdout.isTTY === true,
): LoggerOptions {
  const options = loggerOptions(level, name);
  if (!terminal) return options;
  return {
    ...options,
    transport: {
      target: 'pino-pretty',
      options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
    },
  };
}

export function createLogger(level: LogLevel, name: string, destination?: pino.DestinationStream): Logger {
  return withPrimitivesUnredacted(
    destination ? pino(loggerOptions(level, name), destination) : pino(processLoggerOptions(level, name)),
  );
}

const primitivesUnredacted = new WeakSet<object>();

/**
 * pino runs its wildcard-first redactor (`*.passcode`, `*.*.passcode`, ...) on every top-level value of a line and
 * of a child's bindings, strings included (pino's redaction is non-strict): 4 µs per request logger's `reqId`, ~2% of
 * a busy server. A wildcard-first path can only match inside an object, so a string, number or boolean comes out of it
 * unchanged; this gives those straight to pino's own serializer (the call the redactor ends with) and objects to the redactor as
 * before. Same output, same redaction. Uses pino's exported `symbols`; idempotent; returns the logger.
 */
export function withPrimitivesUnredacted<T extends object>(logger: T): T {
  const { stringifiersSym, stringifySym, wildcardFirstSym } = pino.symbols as unknown as Record<
    string,
    symbol
  >;
  const holder = logger as Record<symbol, unknown>;
  const stringifiers = holder[stringifiersSym as symbol] as Record<symbol, unknown> | undefined;
  const redactObject = stringifiers?.[wildcardFirstSym as symbol];
  const serialize = holder[stringifySym as symbol];
  if (!stringifiers || primitivesUnredacted.has(stringifiers)) return logger;
  if (typeof redactObject !== 'function' || typeof serialize !== 'function') return logger;
  stringifiers[wildcardFirstSym as symbol] = (value: unknown, safe?: unknown) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? serialize(value)
      : redactObject(value, safe);
  primitivesUnredacted.add(stringifiers);
  return logger;
}

/** Fastify's `childLoggerFactory`: a request's logger as Fastify makes it, from a root logger made cheap once. */
export function requestChildLogger(
  logger: Logger,
  bindings: pino.Bindings,
  options: pino.ChildLoggerOptions,
): Logger {
  return withPrimitivesUnredacted(logger).child(bindings, options);
}
