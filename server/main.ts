// The server process: read the configuration, start the host, print where everything is, close gracefully.
import closeWithGrace from 'close-with-grace';
import type { Logger } from 'pino';
import { defaultFleet } from '../agents/fleet/default-fleet.js';
import { loadFleetFile, parseFleet } from '../agents/fleet/load-fleet.js';
import { createLogger } from '../lib/logger.js';
import { appConfigOf, readServerConfig, type ServerConfig } from './config.js';
import { type Host, startHost } from './host.js';

/** How long a graceful close may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main() {
  let config: ServerConfig;
  try {
    config = readServerConfig(process.argv.slice(2), process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const fleetSpec = config.MDMSIM_DEFAULT_FLEET
    ? config.MDMSIM_FLEET_FILE
      ? await loadFleetFile(config.MDMSIM_FLEET_FILE)
      : parseFleet(defaultFleet, 'the built-in demo fleet')
    : undefined;
  const host = await startHost({
    app: appConfigOf(config),
    listen: { host: config.HOST, port: config.PORT },
    ...(fleetSpec
      ? {
          fleet: {
            spec: fleetSpec,
            name: config.MDMSIM_FLEET_NAME,
            logger: createLogger(config.LOG_LEVEL, 'mdmsim-agents'),
          },
        }
      : {}),
  });
  closeWithGrace({ delay: SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
    if (err) host.app.log.error({ err }, 'closing after an unexpected error');
    else host.app.log.info({ signal }, 'shutting down');
    await host.close();
  });
  // The banner comes last, after every line the start logged (pretty logs are written by a worker thread).
  await new Promise<void>((resolve) => (host.app.log as Logger).flush(() => resolve()));
  process.stdout.write(banner(config, host, process.stdout.isTTY === true));
}

function banner(config: ServerConfig, host: Host, terminal: boolean): string {
  const { url, fleet } = host;
  const rule = '═'.repeat(78);
  const title = `mdmsim is running at ${url}`;
  const lines = [
    '',
    rule,
    terminal ? `\x1b[1;32m${title}\x1b[0m` : title,
    `  Console:        ${url}/${config.generatedAdminToken ? `#token=${config.adminToken}` : '  (paste the admin token)'}`,
    `  Graph API:      ${url}/v1.0/deviceManagement/managedDevices  (and /beta)`,
    `  Simulator API:  ${url}/sim/devices   events: ${url}/sim/events`,
    `  API docs:       ${url}/docs   metrics: ${url}/metrics`,
    `  Admin token:    ${config.generatedAdminToken ? config.adminToken : '(from MDMSIM_ADMIN_TOKEN)'}`,
    `  Enrollment:     ${config.generatedEnrollmentToken ? config.enrollmentToken : '(from MDMSIM_ENROLLMENT_TOKEN)'}`,
    `  Devices:        ${fleet ? `${fleet.agents.length} emulated devices online (fleet "${config.MDMSIM_FLEET_NAME}")` : 'none in-process; connect agents with npm run agents'}`,
    `  Try: curl -H "Authorization: Bearer <admin token>" ${url}/v1.0/deviceManagement/managedDevices`,
    rule,
    '',
  ];
  return `${lines.join('\n')}\n`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
