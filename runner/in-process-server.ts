// A server the runner starts for one scenario on a free port, which it can also restart with its store intact.
import { exec } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { restartablePort } from '../lib/restartable-port.js';
import { privateAppConfig, startHost } from '../server/host.js';
import type { SupportEdition } from '../shared/support-matrix.js';

/** Where the scenario's server is, and what the runner may do to it. */
export interface ServerTarget {
  readonly url: string;
  readonly adminToken: string;
  readonly simToken: string;
  readonly enrollmentToken: string;
  /** Restarts the server process; absent when the runner does not own the server. */
  restart?: () => Promise<void>;
  close(): Promise<void>;
}

/** The in-process server's store: a SQLite file (the default, which a restart reopens) or memory (forgets on restart). */
export type InProcessStore = 'sqlite' | 'memory';

export interface InProcessServerOptions {
  supportEdition: SupportEdition;
  notNowRetryMs: number;
  store?: InProcessStore;
}

export async function startInProcessServer(options: InProcessServerOptions): Promise<ServerTarget> {
  // The server's store file: a restart reopens it, as a server process started with MDMSIM_STORE_FILE does. In memory,
  // a restart starts empty, as a server process without a store file does.
  const folder = await mkdtemp(join(tmpdir(), 'mdmsim-scenario-'));
  const config = privateAppConfig({
    supportEdition: options.supportEdition,
    notNowRetryMs: options.notNowRetryMs,
    store:
      options.store === 'memory' ? { kind: 'memory' } : { kind: 'sqlite', path: join(folder, 'store.db') },
  });
  // A port the restart can take again, whatever connections were made while the server was down.
  let host = await startHost({
    app: config,
    listen: { host: '127.0.0.1', port: await restartablePort('127.0.0.1') },
  });
  const { port } = host;
  return {
    url: host.url,
    adminToken: config.adminToken,
    simToken: config.simToken,
    enrollmentToken: config.enrollmentToken,
    async restart() {
      const before = host.app.services.clock.snapshot();
      await host.close();
      host = await startHost({ app: config, listen: { host: '127.0.0.1', port } });
      // The new process's clock carries on from the old one's time (it never runs backwards) and speed.
      const { clock } = host.app.services;
      clock.setSpeed(before.speed);
      clock.advance(Math.max(0, before.now - clock.now()));
    },
    async close() {
      await host.close();
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
  simToken: string;
  enrollmentToken: string;
  restartCommand?: string;
}): ServerTarget {
  const { restartCommand } = options;
  return {
    url: options.url.replace(/\/+$/, ''),
    adminToken: options.adminToken,
    simToken: options.simToken,
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
