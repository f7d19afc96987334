// The agents process turns V8's allocation-site pretenuring off, unless it was started with the flag either way.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepAllocationsYoung } from '../../lib/v8-pretenuring.js';
import { flagsSetBy, REPO, stderrOf } from '../support/v8-flags.js';

const flagsSet = (execArgv: string[]) => flagsSetBy(keepAllocationsYoung, execArgv);

describe('allocation-site pretenuring in the agents', () => {
  it('is turned off', () => {
    expect(flagsSet([])).toEqual(['--no-allocation-site-pretenuring']);
    expect(flagsSet(['--import', 'tsx', '--max-old-space-size=4096'])).toHaveLength(1);
  });

  it('is left as the command line says, either way and in either spelling', () => {
    expect(flagsSet(['--allocation-site-pretenuring'])).toEqual([]);
    expect(flagsSet(['--no-allocation-site-pretenuring'])).toEqual([]);
    expect(flagsSet(['--no_allocation_site_pretenuring'])).toEqual([]);
    expect(flagsSet(['--allocation-site-pretenuring-other'])).toHaveLength(1);
  });

  it('is turned off first thing by the agents process, before the fleet is built', () => {
    expect(readFileSync(resolve(REPO, 'agents/main.ts'), 'utf8')).toMatch(
      /\nasync function main\(\) \{\n {2}limitV8Inlining\(\);\n {2}keepAllocationsYoung\(\);\n/,
    );
  });

  it('is a flag this V8 knows (an unknown one would be reported and ignored)', () => {
    expect(stderrOf("import('./lib/v8-pretenuring.ts').then((m) => m.keepAllocationsYoung([]))")).toBe('');
    expect(
      stderrOf("import('node:v8').then((v8) => v8.setFlagsFromString('--no-allocation-site-pretenurin'))"),
    ).toMatch(/unrecognized flag/i);
  });
});
