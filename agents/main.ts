// The agents process: runs a fleet of emulated devices against any mdmsim server, in its own process or container.
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { z } from 'zod';
import { parseCommandLine } from '../lib/command-line.js';
import { ConfigError, LogLevelSetting, readEnvConfig } from '../lib/env-config.js';
import { createLogger } from '../lib/logger.js';
import { limitV8Inlining } from '../lib/v8-inlining-budget.js';
import { keepAllocationsYoung } from '../lib/v8-pretenuring.js';
import { DEFAULT_SUPPORT_EDITION, SupportEdition } from '../shared/support-matrix.js';
import { defaultFleet } from './fleet/default-fleet.js';
import { FleetFileError, loadFleetFile, parseFleet } from './fleet/load-fleet.js';
import { credentialFileOf, openCredentialStore } from './runtime/credential-store.js';
import { loadOrCreateDeviceKey } from './runtime/device-key.js';
import { connectFleet, createFleet } from './runtime/fleet-runner.js';
import { lockoutFileOf, openLockoutStore } from './runtime/lockout-store.js';
import { warmUpDeviceMachines } from './runtime/machine-warm-up.js';

const AgentsEnv = z.object({
  MDMSIM_SERVER_URL: z.url().default('http://127.0.0.1:8080'),
  MDMSIM_ENROLLMENT_TOKEN: z.string().min(16, 'must be at least 16 characters'),
  MDMSIM_FLEET_FILE: z.string().min(1).optional(),
  /** Device identities derive from this; each agents process (or container replica) needs its own. */
  MDMSIM_FLEET_NAME: z.string().min(1).max(128).default(hostname()),
  /** The fleet's device key (its devices' secrets and unlock tokens); otherwise kept in MDMSIM_DATA_DIR. */
  MDMSIM_DEVICE_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Where the fleet's device key (`agents/<fleet>.key`), lockouts and passcodes (`agents/<fleet>.lockouts.json`, `.credentials.jsonl`) are kept, so a restart gets the same devices back. */
  MDMSIM_DATA_DIR: z.string().min(1).optional(),
  /** A CA certificate (PEM) to trust for an https/wss server, e.g. the server's .mdmsim/tls/ca.pem. */
  MDMSIM_CA_FILE: z.string().min(1).optional(),
  /** The server's support edition, whose Company Portal the devices run: set it as the server's (a work profile's token). */
  MDMSIM_SUPPORT_EDITION: SupportEdition.default(DEFAULT_SUPPORT_EDITION),
  LOG_LEVEL: LogLevelSetting.default('info'),
});

const flagToEnv = {
  server: 'MDMSIM_SERVER_URL',
  'enrollment-token': 'MDMSIM_ENROLLMENT_TOKEN',
  fleet: 'MDMSIM_FLEET_FILE',
  'fleet-name': 'MDMSIM_FLEET_NAME',
  'data-dir': 'MDMSIM_DATA_DIR',
  'log-level': 'LOG_LEVEL',
  'ca-file': 'MDMSIM_CA_FILE',
  'support-edition': 'MDMSIM_SUPPORT_EDITION',
} as const;

async function main() {
  limitV8Inlining();
  keepAllocationsYoung();
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    const { AGENTS_HELP } = await import('../cli/mdmsim.js');
    process.stdout.write(`${AGENTS_HELP}\n`);
    return;
  }
  const { values } = parseCommandLine(
    'mdmsim agents',
    Object.fromEntries(Object.keys(flagToEnv).map((flag) => [flag, { type: 'string' as const }])),
  );
  const merged: NodeJS.ProcessEnv = { ...process.env };
  for (const [flag, name] of Object.entries(flagToEnv)) {
    const value = values[flag];
    if (typeof value === 'string') merged[name] = value;
  }
  const config = readEnvConfig(AgentsEnv, merged);
  const logger = createLogger(config.LOG_LEVEL, 'mdmsim-agents');
  const spec = config.MDMSIM_FLEET_FILE
    ? await loadFleetFile(config.MDMSIM_FLEET_FILE)
    : parseFleet(defaultFleet, 'the built-in demo fleet');
  const dataDir = config.MDMSIM_DATA_DIR;
  const deviceKey =
    config.MDMSIM_DEVICE_KEY ??
    (dataDir
      ? await loadOrCreateDeviceKey(dataDir, config.MDMSIM_FLEET_NAME).catch((error: Error) => {
          throw new ConfigError(`MDMSIM_DATA_DIR (--data-dir): ${error.message}`);
        })
      : undefined);
  const ca = config.MDMSIM_CA_FILE
    ? await readFile(config.MDMSIM_CA_FILE, 'utf8').catch((error: Error) => {
        throw new ConfigError(
          `MDMSIM_CA_FILE (--ca-file): cannot read ${config.MDMSIM_CA_FILE}: ${error.message}`,
        );
      })
    : undefined;
  if (deviceKey === undefined) {
    logger.warn(
      'No MDMSIM_DATA_DIR or MDMSIM_DEVICE_KEY: this fleet has a key for this process only, so after a restart the server refuses its devices (give the fleet a new name or set MDMSIM_DATA_DIR).',
    );
  }
  const fleet = createFleet(spec, {
    serverUrl: config.MDMSIM_SERVER_URL,
    enrollmentToken: config.MDMSIM_ENROLLMENT_TOKEN,
    fleetName: config.MDMSIM_FLEET_NAME,
    supportEdition: config.MDMSIM_SUPPORT_EDITION,
    ...(deviceKey ? { deviceKey } : {}),
    ...(ca ? { ca } : {}),
    // Passcodes, reset tokens, failure counts and lockouts survive a restart, as on a phone (kept next to the key).
    ...(config.MDMSIM_DATA_DIR
      ? {
          lockouts: openLockoutStore(lockoutFileOf(config.MDMSIM_DATA_DIR, config.MDMSIM_FLEET_NAME), logger),
          credentials: openCredentialStore(
            credentialFileOf(config.MDMSIM_DATA_DIR, config.MDMSIM_FLEET_NAME),
            logger,
          ),
        }
      : {}),
    logger,
  });
  // The fleet runs until a signal: a server that goes away or restarts is waited for, never a reason to exit.
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'stopping the fleet');
    await fleet.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  let lastReport = 0;
  // Only to be faster in the first fleet-wide action: a warm-up that fails costs the fleet nothing. It runs once the
  // live devices are online, not before they connect, where it kept every device offline for its length (0.2-0.3 s at
  // 10,000 devices) while the server sat idle.
  const warmUp = () => {
    // Nothing online (every device refused): the process is about to exit, nothing to warm up for.
    if (!fleet.agents.some((agent) => agent.status === 'online')) return;
    try {
      const done = warmUpDeviceMachines(spec);
      if (done.devices > 0) logger.info(done, 'device machines warmed up on throwaway devices');
    } catch (error) {
      logger.warn(
        { err: error },
        'warming the device machines up failed; the first fleet-wide action runs cold',
      );
    }
  };
  const { offline } = await connectFleet(fleet, { onLive: warmUp }, (online, total) => {
    if (online === total || online - lastReport >= 1000) {
      lastReport = online;
      logger.info({ online, total }, 'devices online');
    }
  });
  const online = fleet.agents.filter((agent) => agent.status === 'online').length;
  if (fleet.agents.length > 0 && fleet.agents.every((agent) => agent.status === 'refused')) {
    // Retrying cannot help: the enrollment token or device key does not match this server, or it is older.
    const reason = fleet.agents[0]?.refusal;
    const why = reason?.includes('protocol version')
      ? `the server is older than these agents (${reason}): update the server`
      : 'check the tokens';
    logger.fatal({ fleet: config.MDMSIM_FLEET_NAME, reason }, `the server refused every device; ${why}`);
    await fleet.stop();
    process.exit(2);
  }
  logger.info({ fleet: config.MDMSIM_FLEET_NAME, online, total: fleet.agents.length }, 'fleet running');
  if (offline.enrolled + offline.failed > 0) {
    logger.info(
      { enrolled: offline.enrolled, failed: offline.failed },
      'offline devices enrolled, holding no socket',
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  // A setting or fleet file that cannot work is a usage error (2), as for the server; anything else is 1.
  process.exit(error instanceof ConfigError || error instanceof FleetFileError ? 2 : 1);
});
