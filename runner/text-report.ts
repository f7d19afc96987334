// Human-readable results: a line per scenario, and for a failure the step, expected versus actual, and recent events.
import type { ScenarioResult } from './results.js';

const MARK = { passed: 'PASS', failed: 'FAIL', incomplete: 'INCOMPLETE' } as const;

export function scenarioLine(result: ScenarioResult): string {
  const skipped = result.steps.filter((step) => step.status === 'skipped').length;
  return `${MARK[result.status]} ${result.name} (${result.file}, ${(result.durationMs / 1000).toFixed(1)} s)${skipped ? ` — ${skipped} step(s) SKIPPED` : ''}`;
}

/** Everything needed to understand a failed (or incomplete) scenario without rerunning it. */
export function describeFailure(result: ScenarioResult): string {
  const lines: string[] = [`${result.name} (${result.file}), fleet ${result.fleetName}`];
  if (result.error) lines.push(`  ${result.error}`);
  for (const step of result.steps) {
    if (step.status === 'passed') continue;
    if (step.status === 'notRun') {
      lines.push(`  step ${step.index + 1}: ${step.label} — not run`);
      continue;
    }
    lines.push(`  step ${step.index + 1}: ${step.label} — ${step.status.toUpperCase()}`);
    if (step.message) lines.push(`    ${step.message}`);
    for (const detail of step.details ?? []) lines.push(`    ${detail}`);
    if (step.recentEvents?.length) {
      lines.push('    recent events of the device (oldest first):');
      for (const event of step.recentEvents) lines.push(`      ${event}`);
    }
  }
  return lines.join('\n');
}

export function summaryLine(results: readonly ScenarioResult[], elapsedMs: number): string {
  const count = (status: ScenarioResult['status']) =>
    results.filter((result) => result.status === status).length;
  return `${results.length} scenario(s): ${count('passed')} passed, ${count('failed')} failed, ${count('incomplete')} incomplete, in ${(elapsedMs / 1000).toFixed(1)} s`;
}
