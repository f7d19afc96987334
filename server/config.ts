// The server's configuration: environment variables, overridden by command-line flags, validated at start.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { envBoolean, LogLevelSetting, readEnvConfig } from '../lib/env-config.js';
import { processLoggerOptions } from '../lib/logger.js';
import { SupportEdition } from '../shared/support-matrix.js';
import type { AppConfig } from './app.js';

const Secret = z.string().min(16, 'must be at least 16 characters');

export const ServerEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** The bearer token for the Graph API; generated and printed when unset. */
  MDMSIM_ADMIN_TOKEN: Secret.optional(),
  MDMSIM_ADMIN_UPN: z.email().default('admin@contoso.onmicrosoft.com'),
  /** What new devices present to enroll; generated and printed when unset. */
  MDMSIM_ENROLLMENT_TOKEN: Secret.optional(),
  MDMSIM_SUPPORT_EDITION: SupportEdition.default('2018-03'),
  MDMSIM_CLOCK_SPEED: z.coerce.number().min(0).max(100_000).default(1),
  /** Whether the server also runs the demo fleet (or MDMSIM_FLEET_FILE) in-process. */
  MDMSIM_DEFAULT_FLEET: envBoolean.default(true),
  MDMSIM_FLEET_FILE: z.string().min(1).optional(),
  MDMSIM_FLEET_NAME: z.string().min(1).max(128).default('demo'),
  /** A journal file that keeps devices, actions and queued commands across restarts; memory only when unset. */
  MDMSIM_STORE_FILE: z.string().min(1).optional(),
  MDMSIM_NOTNOW_RETRY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  LOG_LEVEL: LogLevelSetting.default('info'),
});
export type ServerEnv = z.infer<typeof ServerEnv>;

const flagToEnv = {
  port: 'PORT',
  host: 'HOST',
  'admin-token': 'MDMSIM_ADMIN_TOKEN',
  'enrollment-token': 'MDMSIM_ENROLLMENT_TOKEN',
  'support-edition': 'MDMSIM_SUPPORT_EDITION',
  'clock-speed': 'MDMSIM_CLOCK_SPEED',
  'default-fleet': 'MDMSIM_DEFAULT_FLEET',
  fleet: 'MDMSIM_FLEET_FILE',
  'store-file': 'MDMSIM_STORE_FILE',
  'fleet-name': 'MDMSIM_FLEET_NAME',
  'log-level': 'LOG_LEVEL',
} as const;

export function readServerConfig(argv: string[], env: NodeJS.ProcessEnv) {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(Object.keys(flagToEnv).map((flag) => [flag, { type: 'string' as const }])),
    strict: true,
  });
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const [flag, name] of Object.entries(flagToEnv)) {
    const value = values[flag];
    if (typeof value === 'string') merged[name] = value;
  }
  const config = readEnvConfig(ServerEnv, merged);
  return {
    ...config,
    adminToken: config.MDMSIM_ADMIN_TOKEN ?? randomBytes(24).toString('base64url'),
    enrollmentToken: config.MDMSIM_ENROLLMENT_TOKEN ?? randomBytes(24).toString('base64url'),
    generatedAdminToken: config.MDMSIM_ADMIN_TOKEN === undefined,
    generatedEnrollmentToken: config.MDMSIM_ENROLLMENT_TOKEN === undefined,
  };
}
export type ServerConfig = ReturnType<typeof readServerConfig>;

/** What the app is built from, for a server process started with this configuration. */
export function appConfigOf(config: ServerConfig): AppConfig {
  return {
    adminToken: config.adminToken,
    adminUpn: config.MDMSIM_ADMIN_UPN,
    enrollmentToken: config.enrollmentToken,
    supportEdition: config.MDMSIM_SUPPORT_EDITION,
    clockSpeed: config.MDMSIM_CLOCK_SPEED,
    notNowRetryMs: config.MDMSIM_NOTNOW_RETRY_SECONDS * 1000,
    inputTimeoutMs: 10_000,
    helloTimeoutMs: 10_000,
    logger: processLoggerOptions(config.LOG_LEVEL, 'mdmsim-server'),
    store: config.MDMSIM_STORE_FILE
      ? { kind: 'journal', path: config.MDMSIM_STORE_FILE }
      : { kind: 'memory' },
  };
}
