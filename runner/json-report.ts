// The machine-readable report: every scenario and step result as JSON, in a versioned format.
import type { ScenarioResult } from './results.js';

/**
 * The report's format version. 1: first versioned format (scenario and step `line`, `clockChanges`, `cleanup`,
 * `notRun`). 2: a scenario's `status` may be `error` (the server was unavailable), counted in `errors`; `invalid`
 * lists the files' problems when nothing was run. 3: a scenario's and a step's `status` may be `cancelled` (the run
 * was interrupted), counted in `cancelled`; `interrupted` names the signal. Bumped on any change a reader could trip
 * over; fields may be added within a version.
 */
export const JSON_REPORT_VERSION = 3;

export interface JsonReportContext {
  seed: string;
  /** Scenarios never started (their files): --bail after a failure, a server found unavailable, an interrupted run. */
  notRun?: readonly string[];
  /** The signal that interrupted the run (SIGINT, SIGTERM), when one did. */
  interrupted?: string;
  /** Against --server: that server's URL and the fleet namespace of this run. */
  server?: { url: string; fleetNamespace: string };
  /** Why nothing was run: the scenario files' problems (file:line:column: message), when they were invalid. */
  invalid?: readonly string[];
}

export function jsonReport(results: readonly ScenarioResult[], context: JsonReportContext): string {
  const count = (status: ScenarioResult['status']) =>
    results.filter((result) => result.status === status).length;
  return `${JSON.stringify(
    {
      format: 'mdmsim-scenario-report',
      version: JSON_REPORT_VERSION,
      seed: context.seed,
      ...(context.server ? { server: context.server } : {}),
      passed: count('passed'),
      failed: count('failed'),
      incomplete: count('incomplete'),
      errors: count('error'),
      cancelled: count('cancelled'),
      ...(context.interrupted ? { interrupted: context.interrupted } : {}),
      notRun: context.notRun ?? [],
      ...(context.invalid ? { invalid: context.invalid } : {}),
      scenarios: results,
    },
    null,
    2,
  )}\n`;
}
