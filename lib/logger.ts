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
  '*.*.passcode',
  '*.*.newPassword',
  '*.*.unlockToken',
  '*.*.deviceSecret',
  '*.*.enrollmentToken',
];

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export function loggerOptions(level: LogLevel, name: string): LoggerOptions {
  return { name, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
}

export function createLogger(level: LogLevel, name: string, destination?: pino.DestinationStream): Logger {
  return destination ? pino(loggerOptions(level, name), destination) : pino(loggerOptions(level, name));
}
