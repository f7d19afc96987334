// The one composition root: from a configuration to a listening server, its optional in-process fleet, and a close.
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { FleetSpec } from '../agents/fleet/fleet-spec.js';
import { connectFleet, createFleet, type RunningFleet } from '../agents/runtime/fleet-runner.js';
import { randomToken } from '../lib/random-token.js';
import type { TlsMaterial } from '../lib/tls/local-ca.js';
import { type App, type AppConfig, buildApp } from './app.js';
import { answerClientError } from './client-errors.js';
import { DEFAULT_TENANT_ID, defaultApp } from './identity/app-registrations.js';

export interface HostOptions {
  app: AppConfig;
  listen: { host: string; port: number };
  /** Emulated devices to run in this process against the server: the demo fleet, a fleet file, a test's fleet. */
  fleet?: { spec: FleetSpec; name: string; logger: Logger; deviceKey?: string };
  /** An HTTPS listener beside HTTP, on the same host, serving the same app (Graph, Entra, wss:// for devices). */
  https?: { port: number; tls: TlsMaterial };
}

export interface Host {
  readonly app: App;
  /** What the app was built from (its tokens among them). */
  readonly config: AppConfig;
  /** The base URL clients on this machine use (loopback when the server listens on every interface). */
  readonly url: string;
  readonly port: number;
  /** The HTTPS base URL (and port) when the host listens on HTTPS too. */
  readonly httpsUrl: string | undefined;
  readonly httpsPort: number | undefined;
  readonly fleet: RunningFleet | undefined;
  /** Stops the fleet, then the app (which waits for device connections, then closes the store). */
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<Host> {
  const app = await buildApp(options.app);
  await app.listen(options.listen);
  const port = listeningPort(app);
  const url = `http://${clientHostOf(options.listen.host)}:${port}`;
  let https: HttpsServer | undefined;
  try {
    https = options.https ? await listenHttps(app, options.listen.host, options.https) : undefined;
  } catch (error) {
    await app.close();
    throw error;
  }
  const httpsPort = https ? (https.address() as { port: number }).port : undefined;
  const httpsUrl = https ? `https://${clientHostOf(options.listen.host)}:${httpsPort}` : undefined;
  let fleet: RunningFleet | undefined;
  if (options.fleet) {
    fleet = createFleet(options.fleet.spec, {
      serverUrl: url,
      enrollmentToken: options.app.enrollmentToken,
      fleetName: options.fleet.name,
      logger: options.fleet.logger,
      // The in-process devices run the Company Portal of the server's own edition.
      supportEdition: options.app.supportEdition,
      ...(options.fleet.deviceKey ? { deviceKey: options.fleet.deviceKey } : {}),
    });
    try {
      await connectFleet(fleet, {});
    } catch (error) {
      await fleet.stop();
      await closeBoth(app, https);
      throw error;
    }
  }
  return {
    app,
    config: options.app,
    url,
    port,
    httpsUrl,
    httpsPort,
    fleet,
    async close() {
      await fleet?.stop();
      await closeBoth(app, https);
    },
  };
}

/**
 * One app behind two listeners: the HTTPS server hands every request to the app's router and every upgrade to the
 * app's server, where @fastify/websocket takes it (so devices can use wss://). Fastify sees the TLS socket, so
 * `request.protocol` is https and absolute URLs (@odata.nextLink, discovery) keep the scheme the client called.
 */
async function listenHttps(app: App, host: string, options: { port: number; tls: TlsMaterial }) {
  const server = createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, app.routing);
  server.on('upgrade', (request, socket: Duplex, head: Buffer) => {
    app.server.emit('upgrade', request, socket, head);
  });
  server.on('clientError', answerClientError);
  server.on('tlsClientError', (error, socket) => {
    app.log.debug({ err: error }, 'TLS handshake failed');
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => app.log.error({ err: error }, 'HTTPS listener error'));
  return server;
}

/** Stops the HTTPS listener taking connections, closes the app (devices, store), then ends what is left on HTTPS. */
async function closeBoth(app: App, https: HttpsServer | undefined) {
  const httpsClosed = https
    ? new Promise<void>((resolve) => https.close(() => resolve()))
    : Promise.resolve();
  https?.closeIdleConnections();
  try {
    await app.close();
  } finally {
    https?.closeAllConnections();
    await httpsClosed;
  }
}

/** The configuration of a server nobody else will see (tests, scenarios): random tokens, a paused clock, no logs. */
export function privateAppConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    adminToken: randomToken(24),
    adminUpn: 'admin@contoso.onmicrosoft.com',
    enrollmentToken: randomToken(24),
    simToken: randomToken(24),
    supportEdition: '2018-03',
    clockSpeed: 0,
    notNowRetryMs: 60_000,
    inputTimeoutMs: 5_000,
    helloTimeoutMs: 5_000,
    logger: false,
    identity: { tenantId: DEFAULT_TENANT_ID, apps: [defaultApp()] },
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
