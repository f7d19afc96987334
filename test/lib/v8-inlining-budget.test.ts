// The server and the agents limit V8's inlining budget, unless the process was started with its own value.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INLINED_BYTECODE_BUDGET, limitV8Inlining } from '../../lib/v8-inlining-budget.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** What a fresh Node process prints when it runs `script` (V8 reports an unknown flag on stderr and goes on). */
const stderrOf = (script: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: REPO,
    encoding: 'utf8',
  }).stderr;

const flagsSetBy = (execArgv: string[]) => {
  const set: string[] = [];
  limitV8Inlining(execArgv, (flags) => set.push(flags));
  return set;
};

describe('the V8 inlining budget', () => {
  it('sets the cumulative inlining budget', () => {
    expect(flagsSetBy([])).toEqual([`--max-inlined-bytecode-size-cumulative=${INLINED_BYTECODE_BUDGET}`]);
    expect(flagsSetBy(['--import', 'tsx', '--max-old-space-size=4096'])).toHaveLength(1);
  });

  it('leaves a value given on the command line alone, in either spelling', () => {
    expect(flagsSetBy(['--max-inlined-bytecode-size-cumulative=500'])).toEqual([]);
    expect(flagsSetBy(['--max_inlined_bytecode_size_cumulative=500'])).toEqual([]);
  });

  it('is set first by the server and the agents processes', () => {
    for (const entry of ['server/main.ts', 'agents/main.ts']) {
      // Before anything in main() runs hot: the flag applies to what V8 optimises after it is set.
      expect(readFileSync(resolve(REPO, entry), 'utf8')).toMatch(
        /\nasync function main\(\) \{\n {2}limitV8Inlining\(\);\n/,
      );
    }
  });

  it('is a flag this V8 knows (an unknown one would be reported and ignored)', () => {
    const budget = "import('./lib/v8-inlining-budget.ts').then((m) => m.limitV8Inlining([]))";
    expect(stderrOf(budget)).toBe('');
    expect(
      stderrOf(
        "import('node:v8').then((v8) => v8.setFlagsFromString('--max-inlined-bytecode-size-cumulatve=1'))",
      ),
    ).toMatch(/unrecognized flag/i);
  });
});
