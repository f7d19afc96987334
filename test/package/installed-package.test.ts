// The package as a user gets it: `npm pack`, installed from the tarball into an empty folder, run with `npx mdmsim`.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutRevision } from '../../bench/child-process.js';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../..');
const ADMIN_TOKEN = 'package-test-admin-token-0123456789';
const ENROLLMENT_TOKEN = 'package-test-enrollment-token-0123456789';
const SIM_TOKEN = 'package-test-simulator-token-0123456789';
/** Slow on a shared machine: copy the checkout, pack (builds), install from the registry's cache, start a server. */
const SLOW_MS = 300_000;
/**
 * A user's shell: without the npm_* variables of the npm (or npx) that started this test, which would otherwise steer
 * the npm and npx below (e.g. `npx -p node@22` leaves npm_config_package behind).
 */
const USER_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));

/**
 * The checkout's files (tracked, and new ones git does not ignore; not the measured results) in `folder`, with its
 * node_modules linked: `npm pack` builds there, so it never rewrites the dist/ that other tests (the console's) serve
 * while it runs.
 */
async function copyOfCheckout(folder: string): Promise<string> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO,
    maxBuffer: 64 * 1024 * 1024,
  });
  const files = stdout
    .split('\0')
    .filter((file) => file !== '' && !/^(bench|chaos)-results\//.test(file) && existsSync(join(REPO, file)));
  for (const file of files) await cp(join(REPO, file), join(folder, file));
  await symlink(join(REPO, 'node_modules'), join(folder, 'node_modules'), 'dir');
  return folder;
}

/**
 * better-sqlite3's binary as its install would download it online (this machine has no internet: it would compile it
 * from source instead, about a minute of the suite's two cores for a dependency this test does not test), from the
 * one the checkout's install built for this same Node: a local prebuild that its `prebuild-install` takes by name,
 * told by a `.prebuild-installrc` above the user's folder (its rc file, read from the package's folder upwards). An
 * install that resolves another version or Node finds none and compiles, as it would without this. Whether it was
 * taken: `true` when offered.
 */
async function offerSqlitePrebuild(folder: string): Promise<boolean> {
  const sqlite = join(REPO, 'node_modules', 'better-sqlite3');
  const binary = join('build', 'Release', 'better_sqlite3.node');
  if (!existsSync(join(sqlite, binary))) return false;
  const { version } = JSON.parse(await readFile(join(sqlite, 'package.json'), 'utf8')) as { version: string };
  const prebuilds = join(folder, 'prebuilds');
  await mkdir(prebuilds, { recursive: true });
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  await run('tar', ['-czf', join(prebuilds, name), '-C', sqlite, binary]);
  await writeFile(join(folder, '.prebuild-installrc'), `local-prebuilds=${prebuilds}\n`);
  return true;
}

describe.skipIf(process.env.MDMSIM_PACKAGE_SUITE === '0')('the installed package', () => {
  let work = '';
  let app = '';
  let tarball = '';
  let packedRevision: string | null = null;
  let server: ChildProcess | undefined;
  let serverUrl = '';
  let prebuildOffered = false;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'mdmsim-package-'));
    // Read once, before the copy: an edit to the checkout while the suite runs changes what git says, not the copy.
    packedRevision = checkoutRevision();
    const source = await copyOfCheckout(join(work, 'source'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: source,
      // The copy has no .git (git may not look above it, nor be pointed elsewhere by GIT_DIR): the build is told the
      // checkout's revision, as a Docker build is.
      env: {
        ...Object.fromEntries(
          Object.entries(USER_ENV).filter(([name]) => !/^GIT_(DIR|WORK_TREE)$/.test(name)),
        ),
        MDMSIM_REVISION: packedRevision ?? '',
        GIT_CEILING_DIRECTORIES: work,
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    const packed = JSON.parse(stdout.slice(stdout.indexOf('[\n'))) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    tarball = join(work, packed[0]?.filename ?? '');
    app = join(work, 'app');
    await run('mkdir', ['-p', app]);
    await writeFile(join(app, 'package.json'), '{ "name": "a-users-repo", "private": true }\n');
    prebuildOffered = await offerSqlitePrebuild(work);
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--omit=dev', tarball], {
      cwd: app,
      env: USER_ENV,
      maxBuffer: 64 * 1024 * 1024,
    });
  }, SLOW_MS);

  afterAll(async () => {
    // npx does not pass SIGTERM on to the server it started: stop the whole process group, npx and server.
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((done) => server?.once('exit', done));
      process.kill(-server.pid, 'SIGTERM');
      await exited;
    }
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('ships compiled JavaScript, the console and the scenario schema, and runs without tsx', async () => {
    const installed = join(app, 'node_modules', 'mdmsim');
    expect(existsSync(join(installed, 'dist', 'cli', 'mdmsim.js'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'console', 'index.html'))).toBe(true);
    expect(existsSync(join(installed, 'scenarios', 'scenario.schema.json'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'test'))).toBe(false);
    expect(existsSync(join(app, 'node_modules', 'tsx'))).toBe(false);
    // better-sqlite3 came prebuilt, as online, not compiled (a compile leaves its objects in build/Release/obj.target).
    const sqliteBuild = join(app, 'node_modules', 'better-sqlite3', 'build', 'Release');
    expect(existsSync(join(sqliteBuild, 'better_sqlite3.node'))).toBe(true);
    if (prebuildOffered) expect(existsSync(join(sqliteBuild, 'obj.target'))).toBe(false);
    // The build carries the revision it was packed from (this checkout's), and its benchmark reports it as it is.
    const stamp = JSON.parse(await readFile(join(installed, 'dist', 'build-info.json'), 'utf8'));
    expect(stamp.revision).toBe(packedRevision);
    expect(packedRevision).toMatch(/^[0-9a-f]{7,}(\+changes)?$/);
    const reported = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(pathToFileURL(join(installed, 'dist', 'bench', 'child-process.js')).href)}); process.stdout.write(String(m.sourceRevision()));`,
      ],
      { cwd: app, env: USER_ENV },
    );
    expect(reported.stdout).toBe(stamp.revision);
    const schema = JSON.parse(await readFile(join(installed, 'scenarios', 'scenario.schema.json'), 'utf8'));
    expect(schema.$id).toMatch(/^https:\/\//);
    const { stdout } = await run('npx', ['--no-install', 'mdmsim', '--help'], { cwd: app, env: USER_ENV });
    for (const command of ['serve', 'agents', 'scenario', 'bench']) expect(stdout).toContain(command);
    for (const command of ['serve', 'agents', 'scenario', 'bench']) {
      const help = await run('npx', ['--no-install', 'mdmsim', command, '--help'], {
        cwd: app,
        env: USER_ENV,
      });
      expect(help.stdout).toContain(`mdmsim ${command}`);
    }
  });

  it('serves with `npx mdmsim serve` and runs a user scenario against it', async () => {
    server = spawn(
      'npx',
      ['--no-install', 'mdmsim', 'serve', '--port', '0', '--host', '127.0.0.1', '--default-fleet', 'false'],
      {
        cwd: app,
        env: {
          ...USER_ENV,
          MDMSIM_ADMIN_TOKEN: ADMIN_TOKEN,
          MDMSIM_SIM_TOKEN: SIM_TOKEN,
          MDMSIM_ENROLLMENT_TOKEN: ENROLLMENT_TOKEN,
          // HTTPS on a free port and the data dir in the user's folder: never 8443 taken by another server.
          MDMSIM_HTTPS_PORT: '0',
          MDMSIM_DATA_DIR: join(app, '.mdmsim'),
          // The durable store: the installed better-sqlite3 binary is loaded and written to.
          MDMSIM_STORE_FILE: join(app, 'store.db'),
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so the test can stop npx and the server it runs together.
        detached: true,
      },
    );
    serverUrl = await new Promise<string>((found, failed) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /mdmsim is running at (http:\/\/\S+)/.exec(output);
        if (match?.[1]) found(match[1]);
      };
      server?.stdout?.on('data', onData);
      server?.stderr?.on('data', onData);
      server?.once('exit', (code) => failed(new Error(`mdmsim serve exited ${code}: ${output}`)));
    });
    const page = await fetch(`${serverUrl}/`);
    expect(await page.text()).not.toContain('console not built');

    const scenario = join(app, 'checks', 'remove-passcode.yaml');
    await run('mkdir', ['-p', join(app, 'checks')]);
    await writeFile(
      scenario,
      [
        '# yaml-language-server: $schema=../node_modules/mdmsim/scenarios/scenario.schema.json',
        'name: a user scenario against an installed server',
        'fleet:',
        '  - { name: iPad, enrollment: iosDeviceEnrollment, osVersion: "17.4", passcode: "2468" }',
        'steps:',
        '  - resetPasscode: iPad',
        '  - expect: { status: 204 }',
        '  - expect: { device: iPad, action: done }',
        '',
      ].join('\n'),
    );
    const report = join(app, 'junit.xml');
    const result = await run(
      'npx',
      ['--no-install', 'mdmsim', 'scenario', 'checks', '--server', serverUrl, '--junit', report],
      {
        cwd: app,
        env: {
          ...USER_ENV,
          MDMSIM_ADMIN_TOKEN: ADMIN_TOKEN,
          MDMSIM_SIM_TOKEN: SIM_TOKEN,
          MDMSIM_ENROLLMENT_TOKEN: ENROLLMENT_TOKEN,
        },
      },
    );
    expect(result.stdout).toContain('1 passed');
    expect(result.stderr).toMatch(/fleet namespace mdmsim-run-[0-9a-f]+/);
    const junit = await readFile(report, 'utf8');
    expect(junit).toContain('a user scenario against an installed server');
    expect(junit).toContain(`file="checks/remove-passcode.yaml" line="2"`);
    // A good citizen: the run's devices are gone from the server afterwards.
    const left = (await (
      await fetch(`${serverUrl}/sim/devices`, { headers: { authorization: `Bearer ${SIM_TOKEN}` } })
    ).json()) as { devices: unknown[] };
    expect(left.devices).toEqual([]);
    // The installed better-sqlite3 opened the store (its file exists, with SQLite's header): the binary loads.
    expect((await stat(join(app, 'store.db'))).size).toBeGreaterThan(0);
  });
});
