// The server process: configuration, logging, listen, the in-process demo fleet, and a graceful shutdown.
import { defaultFleet } from '../agents/fleet/default-fleet.js';
import { loadFleetFile, parseFleet } from '../agents/fleet/load-fleet.js';
import { connectFleet, createFleet, type RunningFleet } from '../agents/runtime/fleet-runner.js';
import { createLogger, loggerOptions } from '../lib/logger.js';
import { buildApp } from './app.js';
import { readServerConfig } from './config.js';
import { openFileStore } from './store/file-store.js';

async function main() {
  let config: ReturnType<typeof readServerConfig>;
  try {
    config = readServerConfig(process.argv.slice(2), process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const store = config.MDMSIM_STORE_FILE ? openFileStore(config.MDMSIM_STORE_FILE) : undefined;
  const app = await buildApp({
    adminToken: config.adminToken,
    adminUpn: config.MDMSIM_ADMIN_UPN,
    enrollmentToken: config.enrollmentToken,
    supportEdition: config.MDMSIM_SUPPORT_EDITION,
    clockSpeed: config.MDMSIM_CLOCK_SPEED,
    notNowRetryMs: config.MDMSIM_NOTNOW_RETRY_SECONDS * 1000,
    inputTimeoutMs: 10_000,
    helloTimeoutMs: 10_000,
    logger: loggerOptions(config.LOG_LEVEL, 'mdmsim-server'),
    throttling: config.throttling,
    ...(store ? { store } : {}),
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const baseUrl = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;

  let fleet: RunningFleet | undefined;
  if (config.MDMSIM_DEFAULT_FLEET) {
    const spec = config.MDMSIM_FLEET_FILE
      ? await loadFleetFile(config.MDMSIM_FLEET_FILE)
      : parseFleet(defaultFleet, 'the built-in demo fleet');
    fleet = createFleet(spec, {
      serverUrl: baseUrl,
      enrollmentToken: config.enrollmentToken,
      fleetName: config.MDMSIM_FLEET_NAME,
      logger: createLogger(config.LOG_LEVEL, 'mdmsim-agents'),
    });
    await connectFleet(fleet, {});
  }

  const lines = [
    '',
    `mdmsim is running at ${baseUrl}`,
    `  Console:        ${baseUrl}/${config.generatedAdminToken ? `#token=${config.adminToken}` : '  (paste the admin token)'}`,
    `  Graph API:      ${baseUrl}/v1.0/deviceManagement/managedDevices  (and /beta)`,
    `  Simulator API:  ${baseUrl}/sim/devices   events: ${baseUrl}/sim/events`,
    `  Throttling:     ${config.throttling ? `Graph limits on (MDMSIM_THROTTLING=${config.MDMSIM_THROTTLING})` : 'off (MDMSIM_THROTTLING=off)'}`,
    `  Admin token:    ${config.generatedAdminToken ? config.adminToken : '(from MDMSIM_ADMIN_TOKEN)'}`,
    `  Enrollment:     ${config.generatedEnrollmentToken ? config.enrollmentToken : '(from MDMSIM_ENROLLMENT_TOKEN)'}`,
    `  Devices:        ${fleet ? `${fleet.agents.length} emulated devices online (fleet "${config.MDMSIM_FLEET_NAME}")` : 'none in-process; connect agents with npm run agents'}`,
    `  Try: curl -H "Authorization: Bearer <admin token>" ${baseUrl}/v1.0/deviceManagement/managedDevices`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await fleet?.stop();
    await app.close();
    store?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
