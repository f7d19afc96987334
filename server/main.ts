// The server process: read the configuration, start the host, print where everything is, close gracefully.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import closeWithGrace from 'close-with-grace';
import type { Logger } from 'pino';
import { ensureDataDir } from '../lib/data-dir.js';
import { ConfigError } from '../lib/env-config.js';
import { createLogger } from '../lib/logger.js';
import type { TlsMaterial } from '../lib/tls/local-ca.js';
import { limitV8Inlining } from '../lib/v8-inlining-budget.js';
import { agentsCommandFor } from './agents-command.js';
import { appConfigOf, readServerConfig, type ServerConfig } from './config.js';
import { listenProblem, loadStartFiles } from './config-checks.js';
import { type Host, startHost } from './host.js';
import type { AppRegistration } from './identity/app-registrations.js';

/** How long a graceful close may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main() {
  limitV8Inlining();
  let config: ServerConfig;
  try {
    config = readServerConfig(process.argv.slice(2), process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  // What the configuration names is read (or made) before anything listens; a listen error names HOST or the port.
  const { fleet: fleetSpec, apps, tls, deviceKey } = await loadStartFiles(config);
  // With a certificate of one's own (no local CA), the data folder still gets the token signing key: out of git too.
  await ensureDataDir(config.MDMSIM_DATA_DIR);
  const appConfig = appConfigOf(config, apps);
  const host = await startHost({
    app: appConfig,
    listen: { host: config.HOST, port: config.PORT },
    https: { port: config.MDMSIM_HTTPS_PORT, tls },
    ...(fleetSpec
      ? {
          fleet: {
            spec: fleetSpec,
            name: config.MDMSIM_FLEET_NAME,
            logger: createLogger(config.LOG_LEVEL, 'mdmsim-agents'),
            ...(deviceKey ? { deviceKey } : {}),
          },
        }
      : {}),
  }).catch((error: unknown) => {
    throw listenProblem(error, config) ?? error;
  });
  closeWithGrace({ delay: SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
    if (err) host.app.log.error({ err }, 'closing after an unexpected error');
    else host.app.log.info({ signal }, 'shutting down');
    await host.close();
  });
  // The banner comes last, after every line the start logged (pretty logs are written by a worker thread).
  await new Promise<void>((resolve) => (host.app.log as Logger).flush(() => resolve()));
  process.stdout.write(
    banner(config, host, tls, appConfig.identity?.apps ?? [], process.stdout.isTTY === true),
  );
}

function banner(
  config: ServerConfig,
  host: Host,
  tls: TlsMaterial,
  apps: readonly AppRegistration[],
  terminal: boolean,
): string {
  const { url, fleet } = host;
  const agents = agentsCommandFor(fileURLToPath(import.meta.url), process.cwd());
  const listensLocally = ['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(config.HOST);
  const httpsUrl = listensLocally ? `https://localhost:${host.httpsPort}` : (host.httpsUrl ?? '');
  const tenant = config.MDMSIM_TENANT_ID;
  const caPath = tls.files.caPath ? resolve(tls.files.caPath) : undefined;
  const appLines = config.MDMSIM_APPS_FILE
    ? apps.map(
        (app) =>
          `  App:            ${app.clientId}  ${app.permissions.join(', ')}  (secret in ${config.MDMSIM_APPS_FILE})`,
      )
    : [
        `  Client id:      ${config.clientId}`,
        `  Client secret:  ${config.generatedClientSecret ? config.clientSecret : '(from MDMSIM_CLIENT_SECRET)'}`,
        `  Permissions:    ${apps[0]?.permissions.join(', ') ?? ''}`,
      ];
  const trustLines = caPath
    ? [
        `  CA certificate: ${caPath}  (${tls.origin}; trust it once, it is reused on restart)`,
        `    Node:         NODE_EXTRA_CA_CERTS=${caPath} node your-script.mjs`,
        `    curl:         curl --cacert ${caPath} ${httpsUrl}/health`,
        `    Python:       REQUESTS_CA_BUNDLE=${caPath} SSL_CERT_FILE=${caPath} python your-script.py`,
        `    Windows:      Import-Certificate -FilePath ${caPath} -CertStoreLocation Cert:\\CurrentUser\\Root`,
        `    macOS:        sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${caPath}`,
      ]
    : [`  Certificate:    ${tls.files.certPath} (from MDMSIM_TLS_CERT)`];
  const rule = '═'.repeat(78);
  const title = `mdmsim is running at ${url} and ${httpsUrl}`;
  const lines = [
    '',
    rule,
    terminal ? `\x1b[1;32m${title}\x1b[0m` : title,
    `  Console:        ${url}/#token=${config.generatedAdminToken ? config.adminToken : '<admin token>'}&sim=${config.generatedSimToken ? config.simToken : '<simulator token>'}`,
    `  Graph API:      ${url}/v1.0/deviceManagement/managedDevices  (and /beta)`,
    `  Simulator API:  ${url}/sim/devices   events: ${url}/sim/events  (Authorization: Bearer <simulator token>)`,
    `  Simulator token: ${config.generatedSimToken ? config.simToken : '(from MDMSIM_SIM_TOKEN)'}`,
    `  API docs:       ${url}/docs   metrics: ${url}/metrics`,
    `  Throttling:     ${config.throttling ? `Graph limits on (MDMSIM_THROTTLING=${config.MDMSIM_THROTTLING})` : 'off (MDMSIM_THROTTLING=off)'}`,
    `  Admin token:    ${config.generatedAdminToken ? config.adminToken : '(from MDMSIM_ADMIN_TOKEN)'}`,
    `  Enrollment:     ${config.generatedEnrollmentToken ? config.enrollmentToken : '(from MDMSIM_ENROLLMENT_TOKEN)'}`,
    `  Devices:        ${fleet ? `${fleet.agents.length} emulated devices online (fleet "${config.MDMSIM_FLEET_NAME}")` : `none in-process; connect agents with ${agents} --server ${url} --enrollment-token <token>`}`,
    `  Try: curl -H "Authorization: Bearer <admin token>" ${url}/v1.0/deviceManagement/managedDevices`,
    '',
    `HTTPS (for Microsoft's SDKs): ${httpsUrl}`,
    `  Graph API:      ${httpsUrl}/v1.0   (Graph JS SDK: baseUrl "${httpsUrl}", customHosts ["${new URL(httpsUrl).hostname}"])`,
    `  Entra ID:       authority host ${httpsUrl}   (@azure/identity: authorityHost, disableInstanceDiscovery: true)`,
    `  Token endpoint: ${httpsUrl}/${tenant}/oauth2/v2.0/token   scope https://graph.microsoft.com/.default`,
    `  Tenant id:      ${tenant}`,
    ...appLines,
    ...trustLines,
    `  Certificate names: ${config.MDMSIM_TLS_CERT ? '(your own)' : config.tlsHosts.join(', ')}`,
    `  Devices over TLS: ${agents} --server ${httpsUrl} --ca-file ${caPath ?? '<your CA>'}`,
    rule,
    '',
  ];
  return `${lines.join('\n')}\n`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  // A setting the machine refused (a missing file, a port taken) ends the start as a bad value does.
  process.exit(error instanceof ConfigError ? 2 : 1);
});
