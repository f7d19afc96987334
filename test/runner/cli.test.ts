// The CLI as a user runs it: exit 0 when all pass, 1 with a readable failure, 2 for invalid files, reports written.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
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
    const junit = join(dir, 'junit.xml');
    const json = join(dir, 'report.json');
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

    const json = await cli(dir, '--reporter', 'json', '--concurrency', '1', '--bail');
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({
      version: 1,
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
    const run = await cli(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(dir, 'b-bad.yaml')}:6:`);
    expect(run.stderr).toContain('duration');
    expect(run.stdout).not.toContain('PASS');
  });

  it('exits 2 for bad usage', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli('--server', 'http://127.0.0.1:1', 'scenarios')).code).toBe(2);
  });
});
