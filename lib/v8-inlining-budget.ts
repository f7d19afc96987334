// V8's inlining budget for mdmsim's processes. Both run many short paths through large libraries (xstate in the
// agents; Fastify, zod and the Graph layers in the server) a few thousand times each, one kind of work after another:
// TurboFan inlining deeply into them compiled, and recompiled after each deoptimisation, more than it saved. Measured
// (docs/performance-history.md, sixth and seventh passes): the agents' 10,000 commands 488-538 -> 306-352 ms of CPU
// in-process; the server's 10,000-device reset, TurboFan's threads 0.22 -> 0.14 s and CPU per action about a tenth
// lower (alternated pairs).
import { setFlagsFromString } from 'node:v8';

const FLAG = '--max-inlined-bytecode-size-cumulative';
/** Bytecode V8 may inline into one optimised function (its default is 920). */
export const INLINED_BYTECODE_BUDGET = 100;

/**
 * Sets the budget for the rest of the process (call it first, before the hot code runs), unless the process was
 * started with its own value of the flag, which wins.
 */
export function limitV8Inlining(
  execArgv: readonly string[] = process.execArgv,
  setFlags: (flags: string) => void = setFlagsFromString,
): void {
  if (execArgv.some((arg) => arg.replace(/_/g, '-').startsWith(FLAG))) return;
  setFlags(`${FLAG}=${INLINED_BYTECODE_BUDGET}`);
}
