// The agents process limits V8's inlining for its device machines, unless it was started with its own value.
import { describe, expect, it } from 'vitest';
import {
  INLINED_BYTECODE_BUDGET,
  limitInliningForDeviceMachines,
} from '../../../agents/runtime/jit-budget.js';

const flagsSetBy = (execArgv: string[]) => {
  const set: string[] = [];
  limitInliningForDeviceMachines(execArgv, (flags) => set.push(flags));
  return set;
};

describe('the agents inlining budget', () => {
  it('sets the cumulative inlining budget', () => {
    expect(flagsSetBy([])).toEqual([`--max-inlined-bytecode-size-cumulative=${INLINED_BYTECODE_BUDGET}`]);
    expect(flagsSetBy(['--import', 'tsx', '--max-old-space-size=4096'])).toHaveLength(1);
  });

  it('leaves a value given on the command line alone, in either spelling', () => {
    expect(flagsSetBy(['--max-inlined-bytecode-size-cumulative=500'])).toEqual([]);
    expect(flagsSetBy(['--max_inlined_bytecode_size_cumulative=500'])).toEqual([]);
  });
});
