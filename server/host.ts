// The one composition root: from a configuration to a listening server, its optional in-process fleet, and a close.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { FleetSpec } from '../agents/fleet/fleet-spec.js';
import { connectFleet, createFleet, type RunningFleet } from '../agents/runtime/fleet-runner.js';
import { type App, type AppConfig, buildApp } from './app.js';

export interface HostOptions {
  app: AppConfig;
  listen: { host: string; port: number };
  /** Emulated devices to run in this process against the server: the demo fleet, a fleet file, a test's fleet. */
  fleet?: { spec: FleetSpec; name: string; logger: Logger; deviceKey?: string };
}

export interface Host {
  readonly app: App;
  /** What the app was built from (its tokens among them). */
  readonly config: AppConfig;
  /** The base URL clients on this machine use (loopback when the server listens on every interface). */
  readonly url: string;
  readonly port: number;
  readonly fleet: RunningFleet | undefined;
  /** Stops the fleet, then the app (which waits for device connections, then closes the store). */
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<Host> {
  const app = await buildApp(options.app);
  await app.listen(options.listen);
  const port = listeningPort(app);
  const url = `http://${clientHostOf(options.listen.host)}:${port}`;
  let fleet: RunningFleet | undefined;
  if (options.fleet) {
    fleet = createFleet(options.fleet.spec, {
      serverUrl: url,
      enrollmentToken: options.app.enrollmentToken,
      fleetName: options.fleet.name,
      logger: options.fleet.logger,
      ...(options.fleet.deviceKey ? { deviceKey: options.fleet.deviceKey } : {}),
    });
    try {
      await connectFleet(fleet, {});
    } catch (error) {
      await fleet.stop();
      await app.close();
      throw error;
    }
  }
  return {
    app,
    config: options.app,
    url,
    port,
    fleet,
    async close() {
      await fleet?.stop();
      await app.close();
    },
  };
}

/** The configuration of a server nobody else will see (tests, scenarios): random tokens, a paused clock, no logs. */
export function privateAppConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    adminToken: randomBytes(24).toString('base64url'),
    adminUpn: 'admin@contoso.onmicrosoft.com',
    enrollmentToken: randomBytes(24).toString('base64url'),
    simToken: randomBytes(24).toString('base64url'),
    supportEdition: '2018-03',
    clockSpeed: 0,
    notNowRetryMs: 60_000,
    inputTimeoutMs: 5_000,
    helloTimeoutMs: 5_000,
    logger: false,
    ...overrides,
  };
}

export function listeningPort(app: App): number {
  const address = app.server.address();
  if (typeof address !== 'object' || address === null)
    throw new Error('The server is not listening on a port.');
  return address.port;
}

function clientHostOf(listenHost: string): string {
  if (listenHost === '0.0.0.0' || listenHost === '::') return '127.0.0.1';
  return listenHost.includes(':') ? `[${listenHost}]` : listenHost;
}
