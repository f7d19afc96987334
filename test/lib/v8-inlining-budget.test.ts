// The server and the agents limit V8's inlining budget, unless the process was started with its own value.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INLINED_BYTECODE_BUDGET, limitV8Inlining } from '../../lib/v8-inlining-budget.js';
import { flagsSetBy, REPO, stderrOf } from '../support/v8-flags.js';

const flagsSet = (execArgv: string[]) => flagsSetBy(limitV8Inlining, execArgv);

describe('the V8 inlining budget', () => {
  it('sets the cumulative inlining budget', () => {
    expect(flagsSet([])).toEqual([`--max-inlined-bytecode-size-cumulative=${INLINED_BYTECODE_BUDGET}`]);
    expect(flagsSet(['--import', 'tsx', '--max-old-space-size=4096'])).toHaveLength(1);
  });

  it('leaves a value given on the command line alone, in either spelling', () => {
    expect(flagsSet(['--max-inlined-bytecode-size-cumulative=500'])).toEqual([]);
    expect(flagsSet(['--max_inlined_bytecode_size_cumulative=500'])).toEqual([]);
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
