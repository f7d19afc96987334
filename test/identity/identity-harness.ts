// Starts a real mdmsim with HTTPS (a fresh local CA in a temp dir) and app registrations, and runs client scripts.
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino, { type Logger } from 'pino';
import { parseFleet } from '../../agents/fleet/load-fleet.js';
import { ensureLocalTls, type TlsMaterial } from '../../lib/tls/local-ca.js';
import { Permission } from '../../server/graph/permissions.js';
import { type Host, privateAppConfig, startHost } from '../../server/host.js';
import { type AppRegistration, DEFAULT_TENANT_ID } from '../../server/identity/app-registrations.js';

export const GRAPH_HOST_NAME = 'mdmsim.test';

export interface IdentityHarness {
  host: Host;
  tls: TlsMaterial & { files: { caPath: string } };
  /** https://localhost:<port>, as a script on this machine writes it. */
  httpsUrl: string;
  operator: AppRegistration;
  reader: AppRegistration;
  deviceIds: string[];
  close(): Promise<void>;
}

const app = (displayName: string, permissions: Permission[]): AppRegistration => ({
  clientId: randomUUID(),
  clientSecret: randomBytes(30).toString('base64url'),
  displayName,
  permissions,
});

export async function startIdentityHarness(options: { serverLogger?: Logger; devices?: number } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'mdmsim-identity-'));
  const tls = await ensureLocalTls(dataDir, ['localhost', '127.0.0.1', '::1', GRAPH_HOST_NAME]);
  const operator = app('passcode operator', [
    Permission.ManagedDevicesRead,
    Permission.ManagedDevicesPrivileged,
  ]);
  const reader = app('inventory reader', [Permission.ManagedDevicesRead]);
  const host = await startHost({
    app: privateAppConfig({
      identity: { tenantId: DEFAULT_TENANT_ID, apps: [operator, reader] },
      ...(options.serverLogger ? { loggerInstance: options.serverLogger } : {}),
    }),
    listen: { host: '127.0.0.1', port: 0 },
    https: { port: 0, tls },
    fleet: {
      spec: parseFleet(
        {
          devices: [
            {
              name: 'iPhone {n}',
              enrollment: 'iosDeviceEnrollment',
              osVersion: '17.4',
              passcode: '123456',
              count: options.devices ?? 5,
            },
          ],
        },
        'the identity test fleet',
      ),
      name: `identity-${randomBytes(4).toString('hex')}`,
      logger: pino({ level: 'silent' }),
    },
  });
  const harness: IdentityHarness = {
    host,
    tls: tls as IdentityHarness['tls'],
    httpsUrl: `https://localhost:${host.httpsPort}`,
    operator,
    reader,
    deviceIds: host.fleet?.agents.map((agent) => agent.deviceId) ?? [],
    async close() {
      await host.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** What a client script reports for one call: 'ok' and its value, or the HTTP status and error it got. */
export interface ClientOutcome {
  status: number | string;
  code?: string;
  message?: string;
  value?: {
    ids?: string[];
    firstNextLink?: string | null;
    nextLinks?: string[];
    complete?: boolean;
    id?: string;
    deviceActionResults?: Array<{ actionName: string; actionState: string }>;
  };
}

/** Runs a client script in its own Node process that trusts the local CA the way users do: NODE_EXTRA_CA_CERTS. */
export async function runClientScript(
  harness: IdentityHarness,
  script: string,
  app: AppRegistration,
  env: Record<string, string> = {},
): Promise<Record<string, ClientOutcome>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(import.meta.dirname, 'clients', script)],
    {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_EXTRA_CA_CERTS: harness.tls.files.caPath,
        MDMSIM_HTTPS_URL: harness.httpsUrl,
        TENANT_ID: DEFAULT_TENANT_ID,
        CLIENT_ID: app.clientId,
        CLIENT_SECRET: app.clientSecret,
        ...env,
      },
      timeout: 60_000,
    },
  );
  const last = stdout.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(last);
}
