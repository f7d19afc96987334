// Human-readable results: a line per scenario, and for a failure the step, expected versus actual, and recent events.
import { formatDuration } from './duration.js';
import type { ScenarioResult } from './results.js';

const MARK = {
  passed: 'PASS',
  failed: 'FAIL',
  incomplete: 'INCOMPLETE',
  error: 'ERROR',
  cancelled: 'CANCELLED',
} as const;

export function scenarioLine(result: ScenarioResult): string {
  const skipped = result.steps.filter((step) => step.status === 'skipped').length;
  return `${MARK[result.status]} ${result.name} (${result.file}, ${(result.durationMs / 1000).toFixed(1)} s)${skipped ? ` — ${skipped} step(s) SKIPPED` : ''}`;
}

/** Everything needed to understand a failed (or incomplete) scenario without rerunning it. */
export function describeFailure(result: ScenarioResult): string {
  const lines: string[] = [`${result.name} (${result.file}:${result.line}), fleet ${result.fleetName}`];
  if (result.error) lines.push(`  ${result.error}`);
  for (const step of result.steps) {
    if (step.status === 'passed') continue;
    const where = `${result.file}:${step.line}`;
    if (step.status === 'notRun') {
      lines.push(`  step ${step.index + 1} (${where}): ${step.label} — not run`);
      continue;
    }
    lines.push(`  step ${step.index + 1} (${where}): ${step.label} — ${step.status.toUpperCase()}`);
    if (step.message) lines.push(`    ${step.message}`);
    for (const detail of step.details ?? []) lines.push(`    ${detail}`);
    if (step.recentEvents?.length) {
      lines.push('    recent events of the device (oldest first):');
      for (const event of step.recentEvents) lines.push(`      ${event}`);
    }
  }
  lines.push(...sharedServerNotes(result));
  return lines.join('\n');
}

/** Against --server: when the scenario moved that server's clock, and what it removed afterwards. */
export function sharedServerNotes(result: ScenarioResult): string[] {
  const notes = (result.clockChanges ?? []).map(
    (change) =>
      `  moved the shared server's clock at ${change.at}: step ${change.step + 1} (${result.file}:${change.line})${change.advancedMs ? ` +${formatDuration(change.advancedMs)}` : ''}${change.speed !== undefined ? `, speed ${change.speed}` : ''}`,
  );
  const { cleanup } = result;
  if (cleanup?.error) notes.push(`  could not remove its devices from the server: ${cleanup.error}`);
  else if (cleanup?.stillConnected)
    notes.push(`  ${cleanup.stillConnected} of its devices were still connected and stay on the server`);
  return notes;
}

export function summaryLine(results: readonly ScenarioResult[], elapsedMs: number): string {
  const count = (status: ScenarioResult['status']) =>
    results.filter((result) => result.status === status).length;
  const errors = count('error');
  const cancelled = count('cancelled');
  return `${results.length} scenario(s): ${count('passed')} passed, ${count('failed')} failed, ${count('incomplete')} incomplete${errors ? `, ${errors} could not run (server unavailable)` : ''}${cancelled ? `, ${cancelled} cancelled` : ''}, in ${(elapsedMs / 1000).toFixed(1)} s`;
}
