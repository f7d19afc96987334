// A server the runner starts for one scenario on a free port, which it can also restart with its store intact.
import { exec } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type App, type AppConfig, buildApp } from '../server/app.js';
import { openFileStore } from '../server/store/file-store.js';
import type { SupportEdition } from '../shared/support-matrix.js';

/** Where the scenario's server is, and what the runner may do to it. */
export interface ServerTarget {
  readonly url: string;
  readonly adminToken: string;
  readonly enrollmentToken: string;
  /** Restarts the server process; absent when the runner does not own the server. */
  restart?: () => Promise<void>;
  close(): Promise<void>;
}

export interface InProcessServerOptions {
  supportEdition: SupportEdition;
  notNowRetryMs: number;
}

export async function startInProcessServer(options: InProcessServerOptions): Promise<ServerTarget> {
  const config: AppConfig = {
    adminToken: randomBytes(24).toString('base64url'),
    adminUpn: 'admin@contoso.onmicrosoft.com',
    enrollmentToken: randomBytes(24).toString('base64url'),
    supportEdition: options.supportEdition,
    clockSpeed: 0,
    notNowRetryMs: options.notNowRetryMs,
    inputTimeoutMs: 5_000,
    helloTimeoutMs: 5_000,
    logger: false,
  };
  // The server's journal: a restart replays it, as a server process started with MDMSIM_STORE_FILE does.
  const folder = await mkdtemp(join(tmpdir(), 'mdmsim-scenario-'));
  const journal = join(folder, 'store.jsonl');
  let store = openFileStore(journal);
  config.store = store;
  let app: App = await buildApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    adminToken: config.adminToken,
    enrollmentToken: config.enrollmentToken,
    async restart() {
      const before = app.services.clock.snapshot();
      await app.close();
      store.close();
      store = openFileStore(journal);
      app = await buildApp({ ...config, store });
      // The new process's clock carries on from the old one's time (it never runs backwards) and speed.
      const { clock } = app.services;
      clock.setSpeed(before.speed);
      clock.advance(Math.max(0, before.now - clock.now()));
      await app.listen({ port, host: '127.0.0.1' });
    },
    async close() {
      await app.close();
      store.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/**
 * A server someone else runs (docker-compose, another machine). The runner can restart it only through the
 * operator's `restartCommand`; the store then decides whether anything survives.
 */
export function remoteServer(options: {
  url: string;
  adminToken: string;
  enrollmentToken: string;
  restartCommand?: string;
}): ServerTarget {
  const { restartCommand } = options;
  return {
    url: options.url.replace(/\/+$/, ''),
    adminToken: options.adminToken,
    enrollmentToken: options.enrollmentToken,
    ...(restartCommand
      ? {
          restart: async () => {
            await promisify(exec)(restartCommand);
          },
        }
      : {}),
    close: async () => undefined,
  };
}
