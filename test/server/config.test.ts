// Configuration is validated at start: good values are read, a bad one fails with a message naming it.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/env-config.js';
import { ensureLocalTls } from '../../lib/tls/local-ca.js';
import { readServerConfig } from '../../server/config.js';
import { listenProblem, loadStartFiles } from '../../server/config-checks.js';

describe('server configuration', () => {
  it('reads defaults and generates the admin and enrollment tokens when unset', () => {
    const config = readServerConfig([], {});
    expect(config.PORT).toBe(8080);
    expect(config.MDMSIM_SUPPORT_EDITION).toBe('2018-03');
    expect(config.MDMSIM_DEFAULT_FLEET).toBe(true);
    expect(config.adminToken.length).toBeGreaterThanOrEqual(32);
    expect(config.generatedAdminToken).toBe(true);
  });

  it('listens on loopback and generates a simulator token unless told otherwise', () => {
    const config = readServerConfig([], {});
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.simToken.length).toBeGreaterThanOrEqual(16);
    expect(config.generatedSimToken).toBe(true);
    const given = readServerConfig(['--sim-token', 'a-simulator-token-1234'], { HOST: '0.0.0.0' });
    expect(given.HOST).toBe('0.0.0.0');
    expect(given.simToken).toBe('a-simulator-token-1234');
    expect(given.generatedSimToken).toBe(false);
    expect(() => readServerConfig([], { MDMSIM_SIM_TOKEN: 'short' })).toThrow(/MDMSIM_SIM_TOKEN/);
  });

  it('refuses settings that are valid alone but not together, naming the one to change', () => {
    const same = 'one-token-for-all-doors';
    expect(() =>
      readServerConfig([], {
        MDMSIM_ADMIN_TOKEN: same,
        MDMSIM_SIM_TOKEN: same,
        MDMSIM_ENROLLMENT_TOKEN: same,
      }),
    ).toThrow(
      /MDMSIM_SIM_TOKEN: must differ from MDMSIM_ADMIN_TOKEN[\s\S]*MDMSIM_ENROLLMENT_TOKEN: must differ from MDMSIM_ADMIN_TOKEN/,
    );
    expect(() => readServerConfig(['--sim-token', same], { MDMSIM_CLIENT_SECRET: same })).toThrow(
      /MDMSIM_CLIENT_SECRET: must differ from MDMSIM_SIM_TOKEN/,
    );
    expect(() => readServerConfig([], { PORT: '18080', MDMSIM_HTTPS_PORT: '18080' })).toThrow(
      /MDMSIM_HTTPS_PORT: must differ from PORT/,
    );
    expect(() => readServerConfig([], { MDMSIM_THROTTLING_LIMITS: 'writesPerAppPerTenant=5' })).toThrow(
      /MDMSIM_THROTTLING_LIMITS: applies only with MDMSIM_THROTTLING=custom/,
    );
    // Two system-chosen ports, distinct tokens and limits with custom throttling are fine.
    expect(readServerConfig([], { PORT: '0', MDMSIM_HTTPS_PORT: '0' }).PORT).toBe(0);
    expect(
      readServerConfig([], {
        MDMSIM_ADMIN_TOKEN: 'an-admin-token-12345',
        MDMSIM_SIM_TOKEN: 'a-simulator-token-1234',
        MDMSIM_THROTTLING: 'custom',
        MDMSIM_THROTTLING_LIMITS: 'writesPerAppPerTenant=5',
      }).adminToken,
    ).toBe('an-admin-token-12345');
  });

  it('lets flags override environment variables', () => {
    const config = readServerConfig(['--port', '9001', '--default-fleet', 'false'], { PORT: '9000' });
    expect(config.PORT).toBe(9001);
    expect(config.MDMSIM_DEFAULT_FLEET).toBe(false);
  });

  it('fails with a message naming each bad value', () => {
    expect(() => readServerConfig([], { PORT: 'eighty', MDMSIM_ADMIN_TOKEN: 'short' })).toThrow(
      /PORT[\s\S]*MDMSIM_ADMIN_TOKEN: must be at least 16 characters/,
    );
    expect(() => readServerConfig([], { MDMSIM_SUPPORT_EDITION: '1999' })).toThrow(/MDMSIM_SUPPORT_EDITION/);
    expect(() => readServerConfig(['--no-such-flag'], {})).toThrow(/no-such-flag/);
  });

  it('reads the HTTPS and Entra settings, with a fixed tenant and a generated default app', () => {
    const config = readServerConfig(['--https-port', '9443'], { MDMSIM_TLS_HOSTS: 'server, mdmsim.test' });
    expect(config.MDMSIM_HTTPS_PORT).toBe(9443);
    expect(config.MDMSIM_DATA_DIR).toBe('.mdmsim');
    expect(config.tlsHosts).toEqual(
      expect.arrayContaining(['localhost', '127.0.0.1', '::1', 'server', 'mdmsim.test']),
    );
    expect(config.MDMSIM_TENANT_ID).toBe('6d6d7369-6d00-4d00-8000-000000000001');
    expect(config.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(config.clientSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.generatedClientSecret).toBe(true);
    expect(() => readServerConfig([], { MDMSIM_TLS_CERT: '/some/cert.pem' })).toThrow(/MDMSIM_TLS_KEY/);
    expect(() => readServerConfig([], { MDMSIM_CLIENT_ID: 'not-a-guid' })).toThrow(/MDMSIM_CLIENT_ID/);
    expect(() => readServerConfig([], { MDMSIM_TLS_HOSTS: 'https://server:8443/' })).toThrow(
      /MDMSIM_TLS_HOSTS/,
    );
  });
});

describe('the configuration against this machine', () => {
  let folder: string;
  /** A regular file, to put paths under. */
  let aFile: string;
  let tls: { cert: string; key: string; caCert: string };
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'mdmsim-config-'));
    aFile = join(folder, 'a-file');
    await writeFile(aFile, 'not a folder\n');
    const made = await ensureLocalTls(join(folder, 'made'), ['localhost']);
    tls = {
      cert: made.files.certPath as string,
      key: made.files.keyPath as string,
      caCert: made.files.caPath as string,
    };
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  /** What loading the start files of this environment is refused with (its message), or undefined when it is not. */
  const refusal = async (env: NodeJS.ProcessEnv): Promise<string | undefined> => {
    const config = readServerConfig([], {
      MDMSIM_DEFAULT_FLEET: 'false',
      MDMSIM_DATA_DIR: join(folder, 'data'),
      ...env,
    });
    try {
      await loadStartFiles(config);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
  };

  it('refuses a store file whose folder is missing, is a file, or that is itself a folder', async () => {
    expect(await refusal({ MDMSIM_STORE_FILE: '/nonexistent/dir/x.db' })).toBe(
      'Invalid configuration:\n  MDMSIM_STORE_FILE (--store-file): the folder /nonexistent/dir does not exist',
    );
    expect(await refusal({ MDMSIM_STORE_FILE: join(aFile, 'x.db') })).toContain(
      `MDMSIM_STORE_FILE (--store-file): ${aFile} is a file, not a folder`,
    );
    expect(await refusal({ MDMSIM_STORE_FILE: folder })).toContain(
      `MDMSIM_STORE_FILE (--store-file): ${folder} is a folder, not a file`,
    );
    expect(await refusal({ MDMSIM_STORE_FILE: join(folder, 'store.db') })).toBeUndefined();
  });

  it('refuses a fleet file that is missing or bad, without quoting its lines', async () => {
    expect(await refusal({ MDMSIM_DEFAULT_FLEET: 'true', MDMSIM_FLEET_FILE: '/nope.yaml' })).toContain(
      'MDMSIM_FLEET_FILE (--fleet): /nope.yaml does not exist',
    );
    const broken = join(folder, 'broken.yaml');
    await writeFile(broken, 'devices:\n  - passcode: 918273: x\n');
    const message = await refusal({ MDMSIM_DEFAULT_FLEET: 'true', MDMSIM_FLEET_FILE: broken });
    expect(message).toContain(`MDMSIM_FLEET_FILE (--fleet): ${broken} is not valid YAML or JSON (line 2`);
    expect(message).not.toContain('918273');
    const notAFleet = join(folder, 'not-a-fleet.yaml');
    await writeFile(notAFleet, 'devices: 3\n');
    expect(await refusal({ MDMSIM_DEFAULT_FLEET: 'true', MDMSIM_FLEET_FILE: notAFleet })).toMatch(
      /MDMSIM_FLEET_FILE \(--fleet\): .*not-a-fleet\.yaml is not a valid fleet:\n {4}.*\n[\s\S]*devices/,
    );
    // A fleet file the server does not run is not read.
    expect(await refusal({ MDMSIM_FLEET_FILE: '/nope.yaml' })).toBeUndefined();
  });

  it('refuses an apps file that is missing or bad, without quoting its secrets', async () => {
    expect(await refusal({ MDMSIM_APPS_FILE: '/nope.json' })).toBe(
      'Invalid configuration:\n  MDMSIM_APPS_FILE (--apps-file): /nope.json does not exist',
    );
    const broken = join(folder, 'apps-broken.yaml');
    await writeFile(broken, 'apps:\n  - clientSecret: a-secret-of-16-chars: x\n');
    const message = await refusal({ MDMSIM_APPS_FILE: broken });
    expect(message).toContain(`MDMSIM_APPS_FILE (--apps-file): ${broken} is not valid YAML or JSON (line 2`);
    expect(message).not.toContain('a-secret-of-16-chars');
    const invalid = join(folder, 'apps-invalid.yaml');
    await writeFile(invalid, 'apps:\n  - clientId: not-a-guid\n');
    expect(await refusal({ MDMSIM_APPS_FILE: invalid })).toMatch(
      /MDMSIM_APPS_FILE \(--apps-file\): Invalid apps file .*\n {4}.*apps\.0\.clientId/,
    );
    // An app whose secret is the simulator's token would let a Graph client under test open /sim.
    const clientId = '00000000-0000-4000-8000-000000000001';
    const sameAsSim = join(folder, 'apps-same-secret.yaml');
    const token = 'one-value-for-two-doors';
    await writeFile(
      sameAsSim,
      `apps:\n  - clientId: ${clientId}\n    clientSecret: ${token}\n    permissions: [DeviceManagementManagedDevices.Read.All]\n`,
    );
    const conflict = await refusal({ MDMSIM_APPS_FILE: sameAsSim, MDMSIM_SIM_TOKEN: token });
    expect(conflict).toBe(
      `Invalid configuration:\n  MDMSIM_APPS_FILE (--apps-file): the secret of app ${clientId} must differ from MDMSIM_SIM_TOKEN (each token opens its own door)`,
    );
    expect(await refusal({ MDMSIM_APPS_FILE: sameAsSim })).toBeUndefined();
  });

  it('refuses a certificate or key that is missing, not PEM, or not a pair, before anything listens', async () => {
    const notPem = join(folder, 'not.pem');
    await writeFile(notPem, 'hello\n');
    expect(await refusal({ MDMSIM_TLS_CERT: notPem, MDMSIM_TLS_KEY: notPem })).toBe(
      'Invalid configuration:\n' +
        `  MDMSIM_TLS_CERT (--tls-cert): ${notPem} holds no PEM certificate\n` +
        `  MDMSIM_TLS_KEY (--tls-key): ${notPem} holds no PEM private key`,
    );
    expect(await refusal({ MDMSIM_TLS_CERT: '/nope.pem', MDMSIM_TLS_KEY: folder })).toBe(
      'Invalid configuration:\n' +
        '  MDMSIM_TLS_CERT (--tls-cert): /nope.pem does not exist\n' +
        `  MDMSIM_TLS_KEY (--tls-key): ${folder} is a folder, not a file`,
    );
    expect(await refusal({ MDMSIM_TLS_CERT: tls.caCert, MDMSIM_TLS_KEY: tls.key })).toBe(
      'Invalid configuration:\n' +
        `  MDMSIM_TLS_KEY (--tls-key): ${tls.key} is not the key of the certificate in ${tls.caCert}`,
    );
    expect(await refusal({ MDMSIM_TLS_CERT: tls.cert, MDMSIM_TLS_KEY: tls.key })).toBeUndefined();
  });

  it('refuses a data folder under a file, and writes none while anything else is refused', async () => {
    expect(await refusal({ MDMSIM_DATA_DIR: join(aFile, 'data') })).toBe(
      `Invalid configuration:\n  MDMSIM_DATA_DIR (--data-dir): ${aFile} is a file, not a folder`,
    );
    const untouched = join(folder, 'untouched');
    const message = await refusal({
      MDMSIM_DATA_DIR: untouched,
      MDMSIM_STORE_FILE: '/nonexistent/dir/x.db',
      MDMSIM_APPS_FILE: '/nope.json',
    });
    expect(message).toMatch(/MDMSIM_STORE_FILE[^\n]*\n {2}MDMSIM_APPS_FILE/);
    expect(existsSync(untouched)).toBe(false);
    await mkdir(join(folder, 'fresh'));
    expect(await refusal({ MDMSIM_DATA_DIR: join(folder, 'fresh', 'data') })).toBeUndefined();
  });

  it('puts a listener failure in terms of HOST or the port it was about', () => {
    const config = { HOST: '127.0.0.1', PORT: 28080, MDMSIM_HTTPS_PORT: 28443 };
    const failure = (fields: object) => Object.assign(new Error('raw'), fields);
    const messageOf = (error: unknown) => listenProblem(error, config)?.message;
    expect(messageOf(failure({ code: 'EADDRINUSE', syscall: 'listen', port: 28080 }))).toBe(
      'Invalid configuration:\n  PORT (--port): port 28080 on 127.0.0.1 is already in use by another process',
    );
    expect(messageOf(failure({ code: 'EADDRINUSE', syscall: 'listen', port: 28443 }))).toBe(
      'Invalid configuration:\n' +
        '  MDMSIM_HTTPS_PORT (--https-port): port 28443 on 127.0.0.1 is already in use by another process',
    );
    expect(messageOf(failure({ code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'not.a.host..x' }))).toBe(
      'Invalid configuration:\n  HOST (--host): not.a.host..x does not resolve to an address (ENOTFOUND)',
    );
    expect(messageOf(failure({ code: 'EADDRNOTAVAIL', syscall: 'listen' }))).toContain(
      'HOST (--host): 127.0.0.1 is not an address of this machine',
    );
    expect(messageOf(failure({ code: 'EACCES', syscall: 'listen', port: 28080 }))).toContain(
      'PORT (--port): listening on port 28080 is not allowed',
    );
    // Not the configuration's: left as it was.
    expect(
      listenProblem(failure({ code: 'EADDRINUSE', syscall: 'connect', port: 28080 }), config),
    ).toBeUndefined();
    expect(listenProblem(new Error('something else'), config)).toBeUndefined();
  });
});
