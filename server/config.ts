// The server's configuration: environment variables, overridden by command-line flags, validated at start.
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, envBoolean, LogLevelSetting, readEnvConfig } from '../lib/env-config.js';
import { processLoggerOptions } from '../lib/logger.js';
import { randomToken } from '../lib/random-token.js';
import { randomUuid } from '../lib/random-uuid.js';
import { SupportEdition } from '../shared/support-matrix.js';
import type { AppConfig } from './app.js';
import { type ThrottlingSetting, throttlingSetting } from './graph/throttling/throttle-limits.js';
import { type AppRegistration, DEFAULT_TENANT_ID, defaultApp } from './identity/app-registrations.js';
import { signingKeyFileOf } from './identity/token-service.js';

/** A DNS name as a certificate can carry it (letters, digits, hyphens, dots; a leading wildcard label). */
const HOST_NAME = /^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

const Secret = z.string().min(16, 'must be at least 16 characters');

export const ServerEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  /** Loopback unless told otherwise: HOST=0.0.0.0 exposes the Graph API, the simulator API and the gateway. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** The bearer token for the Graph API; generated and printed when unset. */
  MDMSIM_ADMIN_TOKEN: Secret.optional(),
  /** The bearer token of the simulator API (/sim and its event stream); generated and printed when unset. */
  MDMSIM_SIM_TOKEN: Secret.optional(),
  MDMSIM_ADMIN_UPN: z.email().default('admin@contoso.onmicrosoft.com'),
  /** What new devices present to enroll; generated and printed when unset. */
  MDMSIM_ENROLLMENT_TOKEN: Secret.optional(),
  MDMSIM_SUPPORT_EDITION: SupportEdition.default('2018-03'),
  MDMSIM_CLOCK_SPEED: z.coerce.number().min(0).max(100_000).default(1),
  /** Whether the server also runs the demo fleet (or MDMSIM_FLEET_FILE) in-process. */
  MDMSIM_DEFAULT_FLEET: envBoolean.default(true),
  MDMSIM_FLEET_FILE: z.string().min(1).optional(),
  MDMSIM_FLEET_NAME: z.string().min(1).max(128).default('demo'),
  /** A SQLite file that keeps devices, actions, queued commands and the clock across restarts; memory when unset. */
  MDMSIM_STORE_FILE: z.string().min(1).optional(),
  MDMSIM_NOTNOW_RETRY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  LOG_LEVEL: LogLevelSetting.default('info'),
  /** The HTTPS listener beside HTTP (Graph, Entra look-alike, wss:// for devices), on the same HOST. */
  MDMSIM_HTTPS_PORT: z.coerce.number().int().min(0).max(65_535).default(8443),
  /** Where mdmsim keeps what must survive a restart: the local CA and certificate (tls/), the fleet's device key (agents/). */
  MDMSIM_DATA_DIR: z.string().min(1).default('.mdmsim'),
  /** More names for the server certificate, comma-separated (compose adds its service name). */
  MDMSIM_TLS_HOSTS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((host) => host.trim())
        .filter(Boolean),
    )
    .refine((hosts) => hosts.every((host) => isIP(host) !== 0 || HOST_NAME.test(host)), {
      message: 'must be host names or IP addresses, comma-separated',
    }),
  /** Your own certificate and key (PEM files) instead of the local CA's. */
  MDMSIM_TLS_CERT: z.string().min(1).optional(),
  MDMSIM_TLS_KEY: z.string().min(1).optional(),
  /** The tenant (directory) id of the Entra look-alike. */
  MDMSIM_TENANT_ID: z.uuid().default(DEFAULT_TENANT_ID),
  /** App registrations (client id, secret, permissions) as JSON or YAML; one default app when unset. */
  MDMSIM_APPS_FILE: z.string().min(1).optional(),
  /** The default app's client id and secret; generated and printed when unset. */
  MDMSIM_CLIENT_ID: z.uuid().optional(),
  MDMSIM_CLIENT_SECRET: Secret.optional(),
  /** Graph throttling: Intune's published limits (default), off, or custom limits from MDMSIM_THROTTLING_LIMITS. */
  MDMSIM_THROTTLING: z.enum(['intune', 'off', 'custom']).default('intune'),
  /** With MDMSIM_THROTTLING=custom: e.g. `writesPerAppPerTenant=5,windowSeconds=10`; unnamed limits stay Intune's. */
  MDMSIM_THROTTLING_LIMITS: z.string().min(1).optional(),
});
export type ServerEnv = z.infer<typeof ServerEnv>;

const flagToEnv = {
  port: 'PORT',
  host: 'HOST',
  'admin-token': 'MDMSIM_ADMIN_TOKEN',
  'sim-token': 'MDMSIM_SIM_TOKEN',
  'enrollment-token': 'MDMSIM_ENROLLMENT_TOKEN',
  'support-edition': 'MDMSIM_SUPPORT_EDITION',
  'clock-speed': 'MDMSIM_CLOCK_SPEED',
  'default-fleet': 'MDMSIM_DEFAULT_FLEET',
  fleet: 'MDMSIM_FLEET_FILE',
  'store-file': 'MDMSIM_STORE_FILE',
  'fleet-name': 'MDMSIM_FLEET_NAME',
  'log-level': 'LOG_LEVEL',
  'https-port': 'MDMSIM_HTTPS_PORT',
  'data-dir': 'MDMSIM_DATA_DIR',
  'tls-hosts': 'MDMSIM_TLS_HOSTS',
  'tls-cert': 'MDMSIM_TLS_CERT',
  'tls-key': 'MDMSIM_TLS_KEY',
  'tenant-id': 'MDMSIM_TENANT_ID',
  'apps-file': 'MDMSIM_APPS_FILE',
  throttling: 'MDMSIM_THROTTLING',
} as const;

/** How a problem names a setting: its variable and, when it has one, its flag, e.g. `MDMSIM_STORE_FILE (--store-file)`. */
export function settingName(variable: keyof ServerEnv): string {
  const flag = Object.entries(flagToEnv).find(([, name]) => name === variable)?.[0];
  return flag === undefined ? variable : `${variable} (--${flag})`;
}

/** The one shape of a refused configuration: a line per problem, each starting with the setting it is about. */
export function invalidConfiguration(problems: readonly string[]): ConfigError {
  const lines = problems.map((problem) => `  ${problem.replaceAll('\n', '\n    ')}`);
  return new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** The settings that hold a token or a secret: each opens its own door, so no two may hold one value. */
const TOKEN_SETTINGS = [
  'MDMSIM_ADMIN_TOKEN',
  'MDMSIM_SIM_TOKEN',
  'MDMSIM_ENROLLMENT_TOKEN',
  'MDMSIM_CLIENT_SECRET',
] as const;

/** The first of `settings` that holds `value`, if any (an app's secret, another token). */
export function tokenSettingHolding(
  config: Pick<ServerEnv, (typeof TOKEN_SETTINGS)[number]>,
  value: string,
  settings: readonly (typeof TOKEN_SETTINGS)[number][] = TOKEN_SETTINGS,
): (typeof TOKEN_SETTINGS)[number] | undefined {
  return settings.find((setting) => config[setting] === value);
}

/** Settings each valid alone that cannot go together; each problem names the variable to change. */
function settingsInConflict(config: ServerEnv): string[] {
  const problems: string[] = [];
  // One value for two would let the admin's token drive devices, or enrol them.
  TOKEN_SETTINGS.forEach((setting, index) => {
    const value = config[setting];
    const same =
      value === undefined ? undefined : tokenSettingHolding(config, value, TOKEN_SETTINGS.slice(0, index));
    if (same) problems.push(`${setting}: must differ from ${same} (each token opens its own door)`);
  });
  if (config.PORT !== 0 && config.PORT === config.MDMSIM_HTTPS_PORT) {
    problems.push('MDMSIM_HTTPS_PORT: must differ from PORT (HTTP and HTTPS listen side by side)');
  }
  if (config.MDMSIM_THROTTLING_LIMITS !== undefined && config.MDMSIM_THROTTLING !== 'custom') {
    problems.push(
      `MDMSIM_THROTTLING_LIMITS: applies only with MDMSIM_THROTTLING=custom (it is ${config.MDMSIM_THROTTLING})`,
    );
  }
  return problems;
}

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
  if ((config.MDMSIM_TLS_CERT === undefined) !== (config.MDMSIM_TLS_KEY === undefined)) {
    throw invalidConfiguration(['MDMSIM_TLS_KEY: MDMSIM_TLS_CERT and MDMSIM_TLS_KEY go together']);
  }
  const refused = settingsInConflict(config);
  if (refused.length > 0) throw invalidConfiguration(refused);
  let throttling: ThrottlingSetting;
  try {
    throttling = throttlingSetting(config.MDMSIM_THROTTLING, config.MDMSIM_THROTTLING_LIMITS);
  } catch (error) {
    throw invalidConfiguration([(error as Error).message]);
  }
  return {
    ...config,
    throttling,
    adminToken: config.MDMSIM_ADMIN_TOKEN ?? randomToken(24),
    enrollmentToken: config.MDMSIM_ENROLLMENT_TOKEN ?? randomToken(24),
    simToken: config.MDMSIM_SIM_TOKEN ?? randomToken(24),
    generatedSimToken: config.MDMSIM_SIM_TOKEN === undefined,
    generatedAdminToken: config.MDMSIM_ADMIN_TOKEN === undefined,
    generatedEnrollmentToken: config.MDMSIM_ENROLLMENT_TOKEN === undefined,
    clientId: config.MDMSIM_CLIENT_ID ?? randomUuid(),
    clientSecret: config.MDMSIM_CLIENT_SECRET ?? randomToken(30),
    generatedClientSecret: config.MDMSIM_CLIENT_SECRET === undefined,
    /** Every name the local server certificate must carry. */
    tlsHosts: [...new Set(['localhost', '127.0.0.1', '::1', hostname(), ...config.MDMSIM_TLS_HOSTS])],
  };
}
export type ServerConfig = ReturnType<typeof readServerConfig>;

/** What the app is built from, for a server process started with this configuration (and its apps file). */
export function appConfigOf(
  config: ServerConfig,
  apps: readonly AppRegistration[] = [defaultApp(config.clientId, config.clientSecret)],
): AppConfig {
  return {
    adminToken: config.adminToken,
    adminUpn: config.MDMSIM_ADMIN_UPN,
    enrollmentToken: config.enrollmentToken,
    simToken: config.simToken,
    supportEdition: config.MDMSIM_SUPPORT_EDITION,
    clockSpeed: config.MDMSIM_CLOCK_SPEED,
    notNowRetryMs: config.MDMSIM_NOTNOW_RETRY_SECONDS * 1000,
    inputTimeoutMs: 10_000,
    helloTimeoutMs: 10_000,
    logger: processLoggerOptions(config.LOG_LEVEL, 'mdmsim-server'),
    store: config.MDMSIM_STORE_FILE ? { kind: 'sqlite', path: config.MDMSIM_STORE_FILE } : { kind: 'memory' },
    throttling: config.throttling,
    identity: {
      tenantId: config.MDMSIM_TENANT_ID,
      apps,
      // Kept, so a token a script holds (MSAL keeps it for its hour) is still good after a restart.
      signingKeyFile: signingKeyFileOf(config.MDMSIM_DATA_DIR),
    },
  };
}
