// The CLI as a user runs it: exit 0 when all pass, 1 with a readable failure, 2 for invalid files, reports written.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXml } from './xml-structure.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'runner/cli.ts', ...args],
      { cwd: process.cwd(), env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

const FLEET = `fleet:
  - { name: iPad, enrollment: iosDeviceEnrollment, osVersion: "17.4", passcode: "2468" }
`;

describe('mdmsim cli', () => {
  it('exits 0 and writes valid JUnit and JSON reports when everything passes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mdmsim-cli-'));
    // Folders that do not exist yet, as test-results/ in a fresh checkout: made, not a crash after the run.
    const junit = join(dir, 'test-results', 'junit.xml');
    const json = join(dir, 'test-results', 'json', 'report.json');
    const run = await cli(
      'scenarios/ios-remove-passcode-without-policy.yaml',
      '--junit',
      junit,
      '--json',
      json,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('PASS iOS passcode is removed');
    const suite = parseXml(await readFile(junit, 'utf8')).children[0];
    expect(suite?.attributes).toMatchObject({ tests: '1', failures: '0' });
    const report = JSON.parse(await readFile(json, 'utf8')) as { passed: number; failed: number };
    expect(report).toMatchObject({ passed: 1, failed: 0 });
  });

  it('exits 1 on a wrong expectation, says which step (file:line), expected versus actual, without waiting', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mdmsim-cli-'));
    const file = join(dir, 'wrong.yaml');
    await writeFile(
      file,
      `name: wrong expectation\n${FLEET}steps:\n  - resetPasscode: iPad\n  - expect: { device: iPad, action: failed }\n`,
    );
    const junit = join(dir, 'junit.xml');
    // The action is done, so `failed` can never be: the step fails at once, not after this (test-breaking) timeout.
    const run = await cli(file, '--step-timeout', '600000', '--junit', junit);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL wrong expectation');
    expect(run.stdout).toContain(`step 2 (${file}:6): expect "iPad" action="failed"`);
    expect(run.stdout).toContain('it can no longer be');
    expect(run.stdout).toContain('action: expected "failed", got "done"');
    expect(run.stdout).toContain('recent events of the device');
    const suite = parseXml(await readFile(junit, 'utf8')).children[0];
    expect(suite?.attributes.failures).toBe('1');
    expect(suite?.children[0]?.children[0]?.name).toBe('failure');
    // The message CI shows on its own says what differed, not only which step.
    expect(suite?.children[0]?.children[0]?.attributes.message).toContain(
      'action: expected "failed", got "done"',
    );
    expect(suite?.children[0]?.attributes).toMatchObject({ file, line: '6' });
  });

  it('finds YAML and JSON scenarios in subfolders, says what it skipped, lists, greps and bails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mdmsim-cli-'));
    await mkdir(join(dir, 'nested', 'deeper'), { recursive: true });
    await writeFile(join(dir, 'a.yml'), `name: alpha passes\n${FLEET}steps:\n  - resetPasscode: iPad\n`);
    await writeFile(
      join(dir, 'nested', 'b.json'),
      JSON.stringify(
        {
          $schema: 'https://unpkg.com/mdmsim@0/scenarios/scenario.schema.json',
          name: 'beta fails',
          fleet: [{ name: 'Pad {n}', count: 2, enrollment: 'iosDeviceEnrollment', osVersion: '17.4' }],
          steps: [{ resetPasscode: 'Pad 2' }, { expect: { device: 'Pad 2', action: 'failed' } }],
        },
        null,
        2,
      ),
    );
    await writeFile(
      join(dir, 'nested', 'deeper', 'c.yaml'),
      `name: gamma passes\n${FLEET}steps:\n  - resetPasscode: iPad\n`,
    );
    await writeFile(join(dir, 'nested', 'notes.txt'), 'not a scenario');

    const list = await cli(dir, '--list');
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toEqual([
      `${join(dir, 'a.yml')}:1\talpha passes`,
      `${join(dir, 'nested', 'b.json')}:3\tbeta fails`,
      `${join(dir, 'nested', 'deeper', 'c.yaml')}:1\tgamma passes`,
    ]);
    expect(list.stderr).toContain(
      `Skipped 1 file(s) that are not scenarios: ${join(dir, 'nested', 'notes.txt')}`,
    );

    const grep = await cli(dir, '--grep', 'passes$', '--list');
    expect(grep.stdout).not.toContain('beta');

    const github = await cli(dir, '--reporter', 'github', '--concurrency', '1', '--bail');
    expect(github.code).toBe(1);
    expect(github.stdout).toMatch(
      new RegExp(
        `^::error file=${join(dir, 'nested', 'b.json')},line=\\d+,title=Scenario failed%3A beta fails::`,
        'm',
      ),
    );
    expect(github.stdout).not.toContain('PASS');

    const junitFile = join(dir, 'junit.xml');
    await cli(dir, '--concurrency', '1', '--bail', '--junit', junitFile);
    const bailed = parseXml(await readFile(junitFile, 'utf8')).children[0];
    expect(bailed?.attributes).toMatchObject({ tests: '3', failures: '1', skipped: '1' });
    expect(bailed?.children[2]?.attributes.name).toBe('gamma passes');
    expect(bailed?.children[2]?.children[0]?.name).toBe('skipped');

    const json = await cli(dir, '--reporter', 'json', '--concurrency', '1', '--bail');
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({
      version: 3,
      passed: 1,
      failed: 1,
      notRun: [join(dir, 'nested', 'deeper', 'c.yaml')],
    });
  }, 90_000);

  it('notes no skipped files for the shipped scenarios folder (its README and schema are expected there)', async () => {
    const run = await cli('scenarios/', '--list');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('unsupported-platforms.yaml');
  });

  it('exits 2 for a malformed file, with file and line, before running anything', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mdmsim-cli-'));
    await writeFile(join(dir, 'a-good.yaml'), `name: good\n${FLEET}steps:\n  - resetPasscode: iPad\n`);
    await writeFile(
      join(dir, 'b-bad.yaml'),
      `name: bad\n${FLEET}steps:\n  - resetPasscode: iPad\n  - clock: { advance: soon }\n`,
    );
    // A previous run's reports: replaced by ones that say nothing was run, never left for CI to publish.
    const junit = join(dir, 'reports', 'junit.xml');
    const json = join(dir, 'reports', 'report.json');
    await mkdir(join(dir, 'reports'));
    await writeFile(junit, '<testsuites tests="1" failures="1"/>');
    await writeFile(json, '{"failed": 1}');
    const run = await cli(dir, '--junit', junit, '--json', json);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(dir, 'b-bad.yaml')}:6:`);
    expect(run.stderr).toContain('duration');
    expect(run.stdout).not.toContain('PASS');
    const suite = parseXml(await readFile(junit, 'utf8')).children[0];
    expect(suite?.attributes).toMatchObject({ failures: '0', errors: suite?.attributes.tests });
    expect(suite?.children[0]?.children[0]?.name).toBe('error');
    expect(suite?.children[0]?.children[0]?.attributes.message).toContain(`${join(dir, 'b-bad.yaml')}:6:`);
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report).toMatchObject({ version: 3, passed: 0, failed: 0, scenarios: [] });
    expect(report.invalid[0]).toContain(`${join(dir, 'b-bad.yaml')}:6:`);
    // Nothing to run is no reason to keep the previous reports either.
    await writeFile(junit, '<testsuites tests="1" failures="1"/>');
    expect((await cli('scenarios/', '--grep', 'no such name', '--junit', junit)).code).toBe(2);
    expect(await readFile(junit, 'utf8')).toContain('No scenarios match --grep no such name');
    // A file that is not there has no line to point at.
    const missing = await cli(join(dir, 'nope.yaml'));
    expect(missing.stderr).toContain(`${join(dir, 'nope.yaml')}: No such file or folder.`);
  });

  it('waits out a Graph fault that holds a request on purpose, past --request-timeout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mdmsim-cli-'));
    const file = join(dir, 'held.yaml');
    await writeFile(
      file,
      `name: a held reset\n${FLEET}steps:\n  - graphFault: { method: POST, path: "*/resetPasscode", delayMs: 1500 }\n  - resetPasscode: iPad\n  - expect: { status: 204 }\n`,
    );
    const run = await cli(file, '--request-timeout', '500');
    expect(run.stdout).toContain('PASS a held reset');
    expect(run.code).toBe(0);
  });

  it('exits 3, with an error (not a failure) in the reports, when the server cannot be reached or stops answering', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mdmsim-cli-'));
    await writeFile(
      join(dir, 'a.yaml'),
      `name: alpha
${FLEET}steps:
  - resetPasscode: iPad
`,
    );
    await writeFile(
      join(dir, 'b.yaml'),
      `name: beta
${FLEET}steps:
  - resetPasscode: iPad
`,
    );
    const tokens = [
      '--admin-token',
      'a'.repeat(32),
      '--sim-token',
      's'.repeat(32),
      '--enrollment-token',
      'e'.repeat(32),
    ];
    // A server that takes connections and never answers (hung, or paused), one that starts an error answer and never
    // ends it, and a port nobody listens on.
    const silent = createHttpServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const stalling = createHttpServer((_request, response) => {
      response.writeHead(503, { 'content-length': '100' });
      response.write('Busy, wai');
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const refusing = createServer();
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const closedPort = (refusing.address() as AddressInfo).port;
    await new Promise<void>((resolve) => refusing.close(() => resolve()));
    try {
      for (const [url, reason] of [
        [`http://127.0.0.1:${(silent.address() as AddressInfo).port}`, 'did not answer in time'],
        // Found by the run's token check, before a scenario would have waited on its event stream.
        [`http://127.0.0.1:${(stalling.address() as AddressInfo).port}`, 'did not answer in time'],
        [`http://127.0.0.1:${closedPort}`, 'ECONNREFUSED'],
      ] as const) {
        const junit = join(dir, 'junit.xml');
        const run = await cli(
          dir,
          ...['--server', url, ...tokens, '--request-timeout', '500', '--concurrency', '1', '--junit', junit],
        );
        expect(run.code, url).toBe(3);
        expect(run.stdout).toContain('could not run (server unavailable)');
        // The shared server is unavailable: the run stops rather than wait once more per scenario.
        expect(run.stdout).toContain('not run once the server was unavailable');
        const suite = parseXml(await readFile(junit, 'utf8')).children[0];
        expect(suite?.attributes).toMatchObject({ tests: '2', failures: '0', errors: '1', skipped: '1' });
        expect(suite?.children[0]?.children[0]?.name).toBe('error');
        expect(suite?.children[0]?.children[0]?.attributes.message).toContain(reason);
        expect(suite?.children[1]?.children[0]?.attributes.message).toBe(
          'not run: the server was unavailable',
        );
      }
    } finally {
      for (const server of [silent, stalling]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    }
  }, 60_000);

  it('exits 2 for bad usage', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli('--server', 'http://127.0.0.1:1', 'scenarios')).code).toBe(2);
  });

  it('exits 2, before running anything, for a --server that is not an http(s) URL, two stdout formats, --list with a report', async () => {
    const tokens = [
      '--admin-token',
      'a'.repeat(32),
      '--sim-token',
      's'.repeat(32),
      '--enrollment-token',
      'e'.repeat(32),
    ];
    const noScheme = await cli('scenarios/', '--server', '127.0.0.1:47301', ...tokens);
    expect(noScheme.code).toBe(2);
    expect(noScheme.stderr).toContain(`--server takes the server's http:// or https:// URL`);
    expect(noScheme.stdout).toBe('');
    const twoFormats = await cli('scenarios/', '--reporter', 'junit', '--reporter', 'json');
    expect(twoFormats.code).toBe(2);
    expect(twoFormats.stderr).toContain('--reporter junit must be the only reporter');
    expect(twoFormats.stdout).toBe('');
    const listed = await cli('scenarios/', '--list', '--junit', 'never-written.xml');
    expect(listed.code).toBe(2);
    expect(listed.stderr).toContain('--list runs nothing, so it writes no report');
  });

  it('exits 2 for a fleet past the device caps, at the place in the file, with reports that say so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mdmsim-cli-'));
    const fleet = (count: number) =>
      `name: big\nfleet:\n  - { name: "iPad {n}", count: ${count}, enrollment: iosDeviceEnrollment, osVersion: "17.4" }\nsteps:\n  - resetPasscode: iPad 1\n`;
    await writeFile(join(dir, 'million.yaml'), fleet(1_000_000));
    const million = await cli(join(dir, 'million.yaml'), '--list');
    expect(million.code).toBe(2);
    expect(million.stderr).toContain(
      `${join(dir, 'million.yaml')}:3:32: A scenario runs at most 20,000 devices`,
    );
    // Within the cap, but past what one process holds both ends of: --server is the way.
    await writeFile(join(dir, 'in-process.yaml'), fleet(2_001));
    const junit = join(dir, 'junit.xml');
    const inProcess = await cli(join(dir, 'in-process.yaml'), '--junit', junit);
    expect(inProcess.code).toBe(2);
    expect(inProcess.stderr).toContain(
      `${join(dir, 'in-process.yaml')}:3:3: The fleet has 2,001 devices; without --server`,
    );
    const testcase = parseXml(await readFile(junit, 'utf8')).children[0]?.children[0];
    expect(testcase?.attributes.name).toBe(`invalid scenario file: ${join(dir, 'in-process.yaml')}:3:3`);
  });
});
