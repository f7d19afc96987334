// The agents process turns V8's allocation-site pretenuring off, unless it was started with the flag either way.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { keepAllocationsYoung } from '../../lib/v8-pretenuring.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const flagsSetBy = (execArgv: string[]) => {
  const set: string[] = [];
  keepAllocationsYoung(execArgv, (flags) => set.push(flags));
  return set;
};

describe('allocation-site pretenuring in the agents', () => {
  it('is turned off', () => {
    expect(flagsSetBy([])).toEqual(['--no-allocation-site-pretenuring']);
    expect(flagsSetBy(['--import', 'tsx', '--max-old-space-size=4096'])).toHaveLength(1);
  });

  it('is left as the command line says, either way and in either spelling', () => {
    expect(flagsSetBy(['--allocation-site-pretenuring'])).toEqual([]);
    expect(flagsSetBy(['--no-allocation-site-pretenuring'])).toEqual([]);
    expect(flagsSetBy(['--no_allocation_site_pretenuring'])).toEqual([]);
    expect(flagsSetBy(['--allocation-site-pretenuring-other'])).toHaveLength(1);
  });

  it('is turned off first thing by the agents process, before the fleet is built', () => {
    expect(readFileSync(resolve(REPO, 'agents/main.ts'), 'utf8')).toMatch(
      /\nasync function main\(\) \{\n {2}limitV8Inlining\(\);\n {2}keepAllocationsYoung\(\);\n/,
    );
  });

  it('is a flag this V8 knows (an unknown one would be reported and ignored)', () => {
    const stderrOf = (script: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: REPO,
        encoding: 'utf8',
      }).stderr;
    expect(stderrOf("import('./lib/v8-pretenuring.ts').then((m) => m.keepAllocationsYoung([]))")).toBe('');
    expect(
      stderrOf("import('node:v8').then((v8) => v8.setFlagsFromString('--no-allocation-site-pretenurin'))"),
    ).toMatch(/unrecognized flag/i);
  });
});
