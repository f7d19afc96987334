// The machine-readable report: every scenario and step result as JSON, in a versioned format.
import type { ScenarioResult } from './results.js';

/**
 * The report's format version. 1: first versioned format (scenario and step `line`, `clockChanges`, `cleanup`,
 * `notRun`). Bumped on any change a reader could trip over; fields may be added within a version.
 */
export const JSON_REPORT_VERSION = 1;

export interface JsonReportContext {
  seed: string;
  /** Scenarios left out by --bail after a failure (their files). */
  notRun?: readonly string[];
  /** Against --server: that server's URL and the fleet namespace of this run. */
  server?: { url: string; fleetNamespace: string };
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
      notRun: context.notRun ?? [],
      scenarios: results,
    },
    null,
    2,
  )}\n`;
}
