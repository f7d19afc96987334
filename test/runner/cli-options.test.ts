// The scenario command's options are checked before anything runs: each mistake is a usage error saying what was wrong.
import { describe, expect, it } from 'vitest';
import { readCliOptions, UsageError } from '../../runner/cli-options.js';

const TOKENS = [
  '--admin-token',
  'a'.repeat(32),
  '--sim-token',
  's'.repeat(32),
  '--enrollment-token',
  'e'.repeat(32),
];

const usageErrorOf = (argv: string[]) => {
  try {
    readCliOptions(argv, {});
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  return undefined;
};

describe('scenario command options', () => {
  it('takes --server only as an http:// or https:// URL', () => {
    for (const url of ['127.0.0.1:47301', 'not-a-url', 'ftp://127.0.0.1/x', 'localhost']) {
      expect(usageErrorOf(['scenarios', '--server', url, ...TOKENS]), url).toBe(
        `--server takes the server's http:// or https:// URL, such as http://127.0.0.1:8080, not "${url}".`,
      );
    }
    for (const url of ['http://127.0.0.1:47301', 'https://mdmsim.example:8443/']) {
      expect(readCliOptions(['scenarios', '--server', url, ...TOKENS], {}).server?.url).toBe(url);
    }
  });

  it('refuses two machine formats on stdout, and a machine format beside another reporter', () => {
    expect(usageErrorOf(['scenarios', '--reporter', 'junit', '--reporter', 'json'])).toMatch(
      /^--reporter junit must be the only reporter: .*--reporter json would be mixed into it/,
    );
    expect(usageErrorOf(['scenarios', '--reporter', 'text', '--reporter', 'json'])).toMatch(
      /^--reporter json must be the only reporter/,
    );
    // Human formats go together; the same reporter twice prints once.
    expect(readCliOptions(['scenarios', '--reporter', 'text', '--reporter', 'github'], {}).reporters).toEqual(
      ['text', 'github'],
    );
    expect(readCliOptions(['scenarios', '--reporter', 'json', '--reporter', 'json'], {}).reporters).toEqual([
      'json',
    ]);
  });

  it('refuses --list with a report to write, which it would never write', () => {
    expect(usageErrorOf(['scenarios', '--list', '--junit', 'junit.xml'])).toContain('--list runs nothing');
    expect(usageErrorOf(['scenarios', '--list', '--json', 'report.json'])).toContain('--list runs nothing');
    expect(usageErrorOf(['scenarios', '--list', '--reporter', 'json'])).toContain('--list prints file:line');
    expect(readCliOptions(['scenarios', '--list'], {}).list).toBe(true);
  });

  it('names the option and the value of a wrong number', () => {
    expect(usageErrorOf(['scenarios', '--concurrency', '0'])).toBe(
      '--concurrency takes a positive whole number, not "0".',
    );
    expect(usageErrorOf(['scenarios', '--step-timeout', '2.5'])).toBe(
      '--step-timeout takes a positive whole number, not "2.5".',
    );
  });
});
