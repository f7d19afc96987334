// One logger factory for server and agents, so every process redacts secrets the same way.
import pino, { type Logger, type LoggerOptions } from 'pino';

/** Every path under which a passcode, token or credential can appear in a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
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
  '*.passcode',
  '*.newPassword',
  '*.unlockToken',
  '*.resetToken',
  '*.deviceSecret',
  '*.enrollmentToken',
  '*.adminToken',
  '*.clientSecret',
  '*.client_secret',
  '*.client_assertion',
  '*.access_token',
  '*.accessToken',
  '*.privateKey',
  '*.simToken',
  '*.deviceKey',
  '*.*.passcode',
  '*.*.newPassword',
  '*.*.unlockToken',
  '*.*.deviceSecret',
  '*.*.enrollmentToken',
];

/** Query parameters that carry a credential (the event stream's `access_token`): their values never reach a log. */
const SECRET_QUERY_PARAMETER = /([?&](?:access_token)=)[^&#]*/gi;

/** A request URL as it may be logged: secret query values replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY_PARAMETER, '$1[redacted]');
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's request serializer, with the URL redacted. */
function requestSerializer(request: LoggedRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
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

export function createLogger(level: LogLevel, name: string, destination?: pino.DestinationStream): Logger {
  return destination ? pino(loggerOptions(level, name), destination) : pino(loggerOptions(level, name));
}
