// A --server run checks its admin and simulator tokens once, before any scenario: a wrong one is a single line on
// stderr naming the option to fix, exit status 3 (an error of the environment), and no scenario step on the server.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { type Host, privateAppConfig, startHost } from '../../server/host.js';
import { DEFAULT_TENANT_ID } from '../../server/identity/app-registrations.js';
import { clientCredentialsToken } from '../support/client-credentials.js';
import type { WatchedChild } from '../support/watched-child.js';
import { startRunner, startSharedServer } from './runner-process.js';
import { parseXml } from './xml-structure.js';

const WRONG_TOKEN = 'not-the-right-token-5b2d8e41';
/** All three tokens wrong, as one `--option=value` argument each. */
const WRONG_TOKENS = ['--admin-token', '--sim-token', '--enrollment-token'].map(
  (flag) => `${flag}=${WRONG_TOKEN}`,
);

/**
 * A stand-in for a server the runner is pointed at (a proxy, a hung server), on a free loopback port: its URL, how
 * many requests it took, and a close that ends the connections it left open.
 */
async function standInServer(handler: RequestListener) {
  let requests = 0;
  const server = createServer((request, response) => {
    requests++;
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Three scenarios that would each enroll an iPad and reset its passcode, were they run. */
async function scenarioFolder(): Promise<{ dir: string; files: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'mdmsim-token-check-'));
  const files: string[] = [];
  for (const name of ['alpha', 'beta', 'gamma']) {
    const file = join(dir, `${name}.yaml`);
    await writeFile(
      file,
      `name: ${name}\nfleet:\n  - { name: iPad, enrollment: iosDeviceEnrollment, osVersion: "17.4" }\nsteps:\n  - resetPasscode: iPad\n  - expect: { device: iPad, action: done }\n`,
    );
    files.push(file);
  }
  return { dir, files };
}

/** The runner's stderr alone, line by line (WatchedChild's output mixes it with stdout). */
function stderrLines(runner: WatchedChild): () => string[] {
  let text = '';
  runner.child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return () => text.split('\n').filter((line) => line !== '');
}

/** Counts what a scenario step would leave on the server: a device enrolled or changed, an action recorded. */
function watchServer(host: Host): () => number {
  let seen = 0;
  const count = () => {
    seen++;
  };
  host.app.services.events.on('device', count);
  host.app.services.events.on('action', count);
  return () => seen;
}

/** The runner's --server options (`--admin-token=…`) with the given tokens replaced by a wrong one. */
function withWrongTokens(args: readonly string[], options: readonly string[]): string[] {
  const replaced = args.map((arg) => {
    const option = options.find((name) => arg.startsWith(`${name}=`));
    return option ? `${option}=${WRONG_TOKEN}` : arg;
  });
  expect(replaced.filter((arg) => arg.endsWith(`=${WRONG_TOKEN}`))).toHaveLength(options.length);
  return replaced;
}

it.for([
  { option: '--admin-token', variable: 'MDMSIM_ADMIN_TOKEN', token: 'admin token', other: '--sim-token' },
  { option: '--sim-token', variable: 'MDMSIM_SIM_TOKEN', token: 'simulator token', other: '--admin-token' },
])(
  'a wrong $option stops the run before any scenario: exit 3, one stderr line naming it, nothing run',
  { timeout: 60_000 },
  async ({ option, variable, token, other }) => {
    const { dir, files } = await scenarioFolder();
    const junit = join(dir, 'reports', 'junit.xml');
    const json = join(dir, 'reports', 'report.json');
    const { host, args } = await startSharedServer();
    const serverEvents = watchServer(host);
    try {
      const runner = startRunner([
        dir,
        ...withWrongTokens(args, [option]),
        // Kept devices would stay on the server: any scenario that started would show there.
        ...['--keep-devices', '--concurrency', '4', '--junit', junit, '--json', json],
      ]);
      const stderr = stderrLines(runner);
      const { code } = await runner.exited;
      expect(code, runner.output()).toBe(3);

      // One line says which token was refused and what to fix; the other token is not blamed.
      const named = stderr().filter((line) => line.includes(option));
      expect(named, runner.output()).toHaveLength(1);
      expect(named[0]).toContain(`refused the ${token} (`);
      expect(named[0]).toContain('401 InvalidAuthenticationToken');
      expect(named[0]).toContain(`check ${option} (or ${variable})`);
      expect(stderr().filter((line) => line.includes('refused'))).toEqual(named);
      expect(runner.output()).not.toContain(other);

      // No scenario step ran: nothing enrolled, nothing recorded, every step of the reported scenario not run.
      expect(serverEvents()).toBe(0);
      expect(host.app.services.registry.list()).toEqual([]);
      const suite = parseXml(await readFile(junit, 'utf8')).children[0];
      expect(suite?.attributes).toMatchObject({ tests: '3', failures: '0', errors: '1', skipped: '2' });
      const [first, ...rest] = suite?.children ?? [];
      expect(first?.children[0]?.attributes.type).toBe('ServerUnavailable');
      expect(first?.children[0]?.attributes.message).toContain(`check ${option} (or ${variable})`);
      for (const skipped of rest) {
        expect(skipped.children[0]?.attributes.message).toBe(`not run: the server refused the ${token}`);
      }
      const report = JSON.parse(await readFile(json, 'utf8'));
      expect(report).toMatchObject({ passed: 0, failed: 0, errors: 1, notRun: files.slice(1) });
      expect(report.scenarios).toHaveLength(1);
      expect(report.scenarios[0].steps.map((step: { status: string }) => step.status)).toEqual([
        'notRun',
        'notRun',
      ]);

      // Never a token, the wrong one or the server's, in what the runner printed or wrote.
      const written = runner.output() + (await readFile(junit, 'utf8')) + (await readFile(json, 'utf8'));
      const { adminToken, simToken, enrollmentToken } = host.config;
      for (const secret of [WRONG_TOKEN, adminToken, simToken, enrollmentToken]) {
        expect(written).not.toContain(secret);
      }
    } finally {
      await host.close();
    }
  },
);

it('names both tokens in its one line when the server refuses both', async () => {
  const { dir } = await scenarioFolder();
  const { host, args } = await startSharedServer();
  const serverEvents = watchServer(host);
  try {
    const runner = startRunner([dir, ...withWrongTokens(args, ['--admin-token', '--sim-token'])]);
    const stderr = stderrLines(runner);
    const { code } = await runner.exited;
    expect(code, runner.output()).toBe(3);
    const refused = stderr().filter((line) => line.includes('refused'));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain('refused the admin token (');
    expect(refused[0]).toContain(' and the simulator token (');
    expect(refused[0]).toContain(
      'check --admin-token (or MDMSIM_ADMIN_TOKEN) and --sim-token (or MDMSIM_SIM_TOKEN)',
    );
    expect(runner.output()).not.toContain(WRONG_TOKEN);
    expect(serverEvents()).toBe(0);
  } finally {
    await host.close();
  }
}, 60_000);

it('--list with --server and wrong tokens still lists without a request to the server', async () => {
  const { dir, files } = await scenarioFolder();
  const server = await standInServer((_request, response) => response.writeHead(401).end());
  try {
    const runner = startRunner([dir, '--list', '--server', server.url, ...WRONG_TOKENS]);
    const { code } = await runner.exited;
    expect(code, runner.output()).toBe(0);
    for (const file of files) expect(runner.output()).toContain(`${file}:1\t`);
    expect(server.requests()).toBe(0);
  } finally {
    await server.close();
  }
}, 60_000);

it('says at once that a silent server cannot be reached: no scenario waits for it a second time', async () => {
  const { dir } = await scenarioFolder();
  // Takes each request and never answers it.
  const silent = await standInServer(() => undefined);
  try {
    const runner = startRunner([dir, '--server', silent.url, ...WRONG_TOKENS, '--request-timeout', '1000']);
    const stderr = stderrLines(runner);
    const { code } = await runner.exited;
    expect(code, runner.output()).toBe(3);
    expect(stderr().filter((line) => line.startsWith(`Could not reach ${silent.url}: `))).toHaveLength(1);
    expect(runner.output()).toContain('the server did not answer in time (--request-timeout)');
    // The check's two requests, and none from a scenario (which would have waited its own --request-timeout again).
    expect(silent.requests()).toBe(2);
  } finally {
    await silent.close();
  }
}, 60_000);

it('runs the scenarios with a least-privilege admin token: the check reads, but only a 401 stops the run', async () => {
  const { dir } = await scenarioFolder();
  // Reset passcode needs DeviceManagementManagedDevices.PrivilegedOperations.All alone (Graph's permissions table);
  // the check's read then answers 403, which says nothing about whether the scenarios can run.
  const app = {
    clientId: '6a1f2c0e-3b7d-4f55-9c1e-2d8a4b6f0e71',
    clientSecret: 'least-privilege-secret-7f3c2a91',
    displayName: 'Passcode helpdesk',
    permissions: ['DeviceManagementManagedDevices.PrivilegedOperations.All'] as const,
  };
  const host = await startHost({
    app: privateAppConfig({ identity: { tenantId: DEFAULT_TENANT_ID, apps: [app] } }),
    listen: { host: '127.0.0.1', port: 0 },
  });
  try {
    const accessToken = await clientCredentialsToken(host.url, DEFAULT_TENANT_ID, app);
    const read = await fetch(`${host.url}/v1.0/deviceManagement/managedDevices?$top=1`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(read.status).toBe(403);
    const runner = startRunner([
      dir,
      '--server',
      host.url,
      `--admin-token=${accessToken}`,
      `--sim-token=${host.config.simToken}`,
      `--enrollment-token=${host.config.enrollmentToken}`,
    ]);
    const { code } = await runner.exited;
    expect(code, runner.output()).toBe(0);
    expect(runner.output()).toContain('3 passed');
  } finally {
    await host.close();
  }
}, 60_000);

it('never writes a token a server echoes, not even the half a quoted body would keep', async () => {
  const { dir } = await scenarioFolder();
  const junit = join(dir, 'junit.xml');
  // A proxy's 401 page that echoes the Authorization header where the runner's 300-character quote cuts it in two.
  const echo = await standInServer((request, response) => {
    response.writeHead(401, { 'content-type': 'text/html' });
    response.end(`<html>${'x'.repeat(270)} ${request.headers.authorization ?? ''} </html>`);
  });
  try {
    const runner = startRunner([
      dir,
      '--server',
      echo.url,
      '--admin-token=ADMINSECRETabcdefghijklmnopqrstu',
      '--sim-token=SIMSECRETabcdefghijklmnopqrstuvw',
      '--enrollment-token=ENROLLSECRETabcdefghijklmnopqrs',
      '--junit',
      junit,
    ]);
    const { code } = await runner.exited;
    expect(code, runner.output()).toBe(3);
    expect(runner.output()).toContain('<token>');
    const written = runner.output() + (await readFile(junit, 'utf8'));
    expect(written).not.toMatch(/SECRET/);
  } finally {
    await echo.close();
  }
}, 60_000);

it('never writes a token echoed in a JSON answer with its characters escaped, nor one the event stream echoes', async () => {
  const { dir } = await scenarioFolder();
  const junit = join(dir, 'junit.xml');
  // Tokens as `openssl rand -base64` makes them, with "/" and "+": some JSON encoders write "/" as "\/". A 403 stops
  // nothing at the check, so the scenarios run and meet the same echo on the simulator's event stream.
  const adminToken = 'QWRtaW4/dG9r/ZW4+c2VjcmV0PQ==';
  const simToken = 'U2lt/dG9rZW4+c2VjcmV0/UQ==';
  const echo = await standInServer((request, response) => {
    const message = `header was ${request.headers.authorization ?? ''}`.replaceAll('/', '\\/');
    response.writeHead(403, { 'content-type': 'application/json' });
    response.end(`{"error":{"code":"Forbidden","message":"${message}"}}`);
  });
  try {
    const runner = startRunner([
      dir,
      '--server',
      echo.url,
      `--admin-token=${adminToken}`,
      `--sim-token=${simToken}`,
      '--enrollment-token=an-enrollment-token-of-this-run',
      '--junit',
      junit,
    ]);
    const { code } = await runner.exited;
    expect(code, runner.output()).not.toBe(0);
    const written = runner.output() + (await readFile(junit, 'utf8'));
    expect(written).toContain('header was Bearer <token>');
    for (const token of [adminToken, simToken]) {
      expect(written).not.toContain(token);
      expect(written).not.toContain(token.replaceAll('/', '\\/'));
    }
  } finally {
    await echo.close();
  }
}, 60_000);

it('says at once that a port fetch will not use cannot be reached', async () => {
  const { dir } = await scenarioFolder();
  const runner = startRunner([dir, '--server', 'http://127.0.0.1:1', ...WRONG_TOKENS]);
  const stderr = stderrLines(runner);
  const { code } = await runner.exited;
  expect(code, runner.output()).toBe(3);
  expect(stderr().filter((line) => line.startsWith('Could not reach http://127.0.0.1:1: '))).toHaveLength(1);
  expect(runner.output()).toContain('fetch refuses this port');
}, 60_000);
