// The agents process's V8 inlining budget. A fleet runs thousands of device machines a few commands each: TurboFan
// inlining deeply into xstate's interpreter compiled (and recompiled, machine kind after machine kind) more than it
// saved. `npm run bench:devices`, 10,000 devices one command each: 488-538 -> 306-352 ms of CPU; 40,000 devices:
// 923-1,017 -> 806-826 ms, and no slower per command once warm.
import { setFlagsFromString } from 'node:v8';

const FLAG = '--max-inlined-bytecode-size-cumulative';
/** Bytecode V8 may inline into one optimised function (its default is 920). */
export const INLINED_BYTECODE_BUDGET = 100;

/**
 * Sets the budget for the rest of the process (call it before the machines run), unless the process was started with
 * its own value of the flag, which wins.
 */
export function limitInliningForDeviceMachines(
  execArgv: readonly string[] = process.execArgv,
  setFlags: (flags: string) => void = setFlagsFromString,
): void {
  if (execArgv.some((arg) => arg.replace(/_/g, '-').startsWith(FLAG))) return;
  setFlags(`${FLAG}=${INLINED_BYTECODE_BUDGET}`);
}
