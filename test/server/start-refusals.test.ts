// The real server process (`server/main.ts` under tsx) refuses a setting the machine cannot honour as it refuses a bad
// value: exit code 2 and a message naming the setting, before it listens wherever it can tell in advance.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalTls } from '../../lib/tls/local-ca.js';
import { startServerProcess as startServer } from '../support/server-process.js';

describe('the server process refusing what the machine cannot honour', () => {
  let folder: string;
  let dataDir: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'mdmsim-start-'));
    dataDir = join(folder, 'data');
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  /** Starts the server with `env`, waits for it to end, and expects exit code 2 with `message` and no listener. */
  async function refusedWith(env: Record<string, string>, message: string) {
    const server = startServer(env, dataDir);
    const { code } = await server.exited;
    expect(server.output()).toContain(`Invalid configuration:\n  ${message}`);
    expect(code).toBe(2);
    expect(server.output()).not.toMatch(/listening/i);
  }

  it('a HOST that does not resolve', async () => {
    await refusedWith(
      { HOST: 'not.a.host..x' },
      'HOST (--host): not.a.host..x does not resolve to an address (ENOTFOUND)',
    );
  });

  it('a store file in a folder that does not exist', async () => {
    await refusedWith(
      { MDMSIM_STORE_FILE: '/nonexistent/dir/x.db' },
      'MDMSIM_STORE_FILE (--store-file): the folder /nonexistent/dir does not exist',
    );
  });

  it('a certificate and key that are not PEM, before HTTP listens', async () => {
    const notPem = join(folder, 'not.pem');
    await writeFile(notPem, 'hello\n');
    await refusedWith(
      { MDMSIM_TLS_CERT: notPem, MDMSIM_TLS_KEY: notPem },
      `MDMSIM_TLS_CERT (--tls-cert): ${notPem} holds no PEM certificate\n` +
        `  MDMSIM_TLS_KEY (--tls-key): ${notPem} holds no PEM private key`,
    );
  });

  it('missing apps and fleet files, and a data folder under a file', async () => {
    await refusedWith(
      { MDMSIM_APPS_FILE: '/nope.json', MDMSIM_DEFAULT_FLEET: 'true', MDMSIM_FLEET_FILE: '/nope.yaml' },
      'MDMSIM_FLEET_FILE (--fleet): /nope.yaml does not exist\n' +
        '  MDMSIM_APPS_FILE (--apps-file): /nope.json does not exist',
    );
    const aFile = join(folder, 'a-file');
    await writeFile(aFile, 'not a folder\n');
    await refusedWith(
      { MDMSIM_DATA_DIR: join(aFile, 'data') },
      `MDMSIM_DATA_DIR (--data-dir): ${aFile} is a file, not a folder`,
    );
  });

  describe('a port another process holds', () => {
    let holder: Server;
    let taken: number;
    beforeAll(async () => {
      holder = createServer();
      await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
      taken = (holder.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

    it('as PORT, before anything listens', async () => {
      await refusedWith(
        { HOST: '127.0.0.1', PORT: String(taken) },
        `PORT (--port): port ${taken} on 127.0.0.1 is already in use by another process`,
      );
    });

    it('as MDMSIM_HTTPS_PORT (HTTP, opened first, is closed again)', async () => {
      const server = startServer({ HOST: '127.0.0.1', MDMSIM_HTTPS_PORT: String(taken) }, dataDir);
      const { code } = await server.exited;
      expect(server.output()).toContain(
        `Invalid configuration:\n  MDMSIM_HTTPS_PORT (--https-port): port ${taken} on 127.0.0.1 is already in use by another process`,
      );
      expect(code).toBe(2);
    });
  });

  it('still starts with a store file, its own certificate and key, as before', async () => {
    const made = await ensureLocalTls(join(folder, 'made'), ['localhost']);
    const server = startServer(
      {
        MDMSIM_STORE_FILE: join(folder, 'store.db'),
        MDMSIM_TLS_CERT: made.files.certPath as string,
        MDMSIM_TLS_KEY: made.files.keyPath as string,
      },
      dataDir,
    );
    const started = await new Promise<boolean>((resolve) => {
      const check = () => {
        if (!server.output().includes('mdmsim is running at http://')) return;
        server.child.stdout?.off('data', check);
        resolve(true);
      };
      server.child.stdout?.on('data', check);
      void server.exited.then(() => resolve(false));
    });
    expect(started, server.output()).toBe(true);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });
});
