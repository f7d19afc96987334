// The machine-readable report: every scenario and step result as JSON.
import type { ScenarioResult } from './results.js';

export function jsonReport(results: readonly ScenarioResult[], seed: string): string {
  const count = (status: ScenarioResult['status']) =>
    results.filter((result) => result.status === status).length;
  return `${JSON.stringify(
    {
      seed,
      passed: count('passed'),
      failed: count('failed'),
      incomplete: count('incomplete'),
      scenarios: results,
    },
    null,
    2,
  )}\n`;
}
