// JUnit XML for CI: one testsuite per run, one testcase per scenario, the failing step in <failure>.
import { failureLocation, type ScenarioResult } from './results.js';
import { describeFailure, sharedServerNotes } from './text-report.js';

/** Escapes text for XML content and attributes, dropping characters XML 1.0 cannot carry. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function junitReport(results: readonly ScenarioResult[], suiteName = 'mdmsim scenarios'): string {
  const failures = results.filter((result) => result.status === 'failed').length;
  const skipped = results.filter((result) => result.status === 'incomplete').length;
  const time = results.reduce((sum, result) => sum + result.durationMs, 0);
  const cases = results.map((result) => {
    // file and line (of the failed step, else of the scenario) are what GitHub, GitLab and Jenkins link to.
    const { file, line } = failureLocation(result);
    const open = `  <testcase classname="${escapeXml(result.file)}" name="${escapeXml(result.name)}" file="${escapeXml(file)}" line="${line}" time="${seconds(result.durationMs)}"`;
    // Against a shared server: when the scenario moved its clock, and what it left behind.
    const notes = sharedServerNotes(result);
    const out = notes.length > 0 ? `\n    <system-out>${escapeXml(notes.join('\n'))}</system-out>` : '';
    if (result.status === 'passed') return out ? `${open}>${out}\n  </testcase>` : `${open}/>`;
    if (result.status === 'incomplete') {
      const skippedSteps = result.steps.filter((step) => step.status === 'skipped');
      const message = skippedSteps
        .map((step) => `${result.file}:${step.line}: ${step.label}: ${step.message ?? ''}`)
        .join('; ');
      return `${open}>\n    <skipped message="${escapeXml(message)}"/>${out}\n  </testcase>`;
    }
    const failed = result.steps.find((step) => step.status === 'failed');
    const message = failed
      ? `${result.file}:${failed.line}: step ${failed.index + 1} (${failed.label}): ${failed.message ?? ''}`
      : `${result.file}:${result.line}: ${result.error ?? 'failed'}`;
    return `${open}>\n    <failure message="${escapeXml(message)}" type="ScenarioFailure">${escapeXml(describeFailure(result))}</failure>${out}\n  </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${results.length}" failures="${failures}" skipped="${skipped}" errors="0" time="${seconds(time)}">`,
    `<testsuite name="${escapeXml(suiteName)}" tests="${results.length}" failures="${failures}" skipped="${skipped}" errors="0" time="${seconds(time)}">`,
    ...cases,
    '</testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
