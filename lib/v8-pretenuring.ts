// V8's allocation-site pretenuring, off in the agents process. Building a fleet makes tens of thousands of objects that
// live as long as the process; V8 learns from them that their allocation sites' objects survive and allocates at those
// sites straight into the old generation from then on, where the short-lived objects the same sites make later (the
// connect wave's, each command's) die in pages shared with live devices, and stay committed. Measured
// (docs/performance-history.md, ninth pass): old space after the connect wave and a full collection 98-135 -> 91-97
// MB committed for 60 MB live, the agents' RSS per device 10.7-14.6 -> 10.6-11.2 KB, CPU no different (alternated
// runs).
import { setFlagsFromString } from 'node:v8';

const FLAG = '--no-allocation-site-pretenuring';
/** The flag given either way on the command line (V8 takes `_` for `-`). */
const GIVEN = /^--(no-)?allocation-site-pretenuring(=|$)/;

/**
 * Turns pretenuring off for the rest of the process (call it first, before the fleet is built), unless the process was
 * started with the flag either way, which wins.
 */
export function keepAllocationsYoung(
  execArgv: readonly string[] = process.execArgv,
  setFlags: (flags: string) => void = setFlagsFromString,
): void {
  if (execArgv.some((arg) => GIVEN.test(arg.replace(/_/g, '-')))) return;
  setFlags(FLAG);
}
