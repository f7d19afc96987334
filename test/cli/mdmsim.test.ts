// The `mdmsim` command as a user runs it: usage errors exit 2 on stderr, help exits 0, and `serve --help` names every
// flag the server's parser takes; `npm run chaos -- --help` too.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { flagOf, serveHelp } from '../../cli/serve-help.js';
import { readServerConfig, ServerEnv } from '../../server/config.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', ...args],
      { cwd: process.cwd() },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** cli/mdmsim.ts as bin/mdmsim.js runs it, from the source (bin/ prefers a build in dist/, which may be older). */
const mdmsim = (...args: string[]) =>
  run([
    '--input-type=module',
    '-e',
    "const { main } = await import('./cli/mdmsim.ts'); const status = await main(process.argv.slice(1)); if (status !== undefined) process.exitCode = status;",
    '--',
    ...args,
  ]);

describe('mdmsim', () => {
  it('with no command is a usage error: the usage on stderr, exit 2; --help is not (stdout, exit 0)', async () => {
    const none = await mdmsim();
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Usage: mdmsim <command>');
    const help = await mdmsim('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: mdmsim <command>');
    expect(help.stderr).toBe('');
  });

  it('serve --help lists every setting of the server, with the flag its parser takes', async () => {
    const help = await mdmsim('serve', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(`${serveHelp()}\n`);
    const variables = Object.keys(ServerEnv.shape) as (keyof ServerEnv)[];
    const flags = variables.flatMap((variable) => flagOf(variable) ?? []);
    // The parser's own table (server/config.ts), which the help is made from: all there, --https-port among them.
    expect(flags).toEqual(
      expect.arrayContaining(['--https-port', '--data-dir', '--tls-cert', '--throttling']),
    );
    for (const variable of variables) {
      const flag = flagOf(variable);
      expect(help.stdout).toMatch(
        flag ? new RegExp(`^  ${flag} .*\\[${variable}\\]`, 'm') : new RegExp(`^  ${variable}\\b`, 'm'),
      );
    }
    // And every flag the help shows is one the parser takes (an unknown one would throw "Unknown option").
    const shown = [...help.stdout.matchAll(/^ {2}(--[a-z-]+) /gm)].map((match) => match[1] as string);
    expect(shown.sort()).toEqual([...flags].sort());
    for (const flag of shown) {
      expect(() => readServerConfig([flag, 'x'], {}), flag).not.toThrow(/Unknown option/);
    }
    expect(help.stdout).toContain('SQLite file');
    expect(help.stdout).not.toContain('journal');
  });
});

describe('npm run chaos', () => {
  it('--help and -h list its options and exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const help = await run(['chaos/cli.ts', flag]);
      expect(help.code, help.stderr).toBe(0);
      for (const option of [
        '--devices',
        '--faults',
        '--seed',
        '--agents',
        '--max-seconds',
        '--settle-seconds',
        '--kinds',
      ]) {
        expect(help.stdout).toContain(option);
      }
    }
  });
});
