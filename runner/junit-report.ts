// JUnit XML for CI: one testsuite per run, one testcase per scenario, the failing step in <failure>.
import { failureLocation, type ScenarioResult } from './results.js';
import { type FileProblem, formatProblem } from './scenario-file.js';
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

/** A scenario left out (by --bail, once the server was unavailable, or by an interrupted run): reported skipped. */
export interface NotRunScenario {
  file: string;
  line: number;
  name: string;
  /** Why it was not started. */
  reason: string;
}

/** The whole report around its testcases, with the counts CI reads first. */
function document(
  cases: readonly string[],
  counts: { tests: number; failures: number; errors: number; skipped: number; timeMs: number },
  suiteName: string,
): string {
  const attributes = `tests="${counts.tests}" failures="${counts.failures}" skipped="${counts.skipped}" errors="${counts.errors}" time="${seconds(counts.timeMs)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attributes}>`,
    `<testsuite name="${escapeXml(suiteName)}" ${attributes}>`,
    ...cases,
    '</testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/**
 * The report of a run that never started because its files are invalid: one errored testcase per problem, so that a
 * CI job publishing the file shows why (and never the previous run's results). Each is named after its file and place
 * (`invalid scenario file: a.yaml:3:5`), a number added where two share one, since CI tools merge same-named cases.
 */
export function junitInvalidFilesReport(
  problems: readonly FileProblem[],
  suiteName = 'mdmsim scenarios',
): string {
  const seen = new Map<string, number>();
  const cases = problems.map((problem) => {
    const message = formatProblem(problem);
    const place = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
    const times = (seen.get(place) ?? 0) + 1;
    seen.set(place, times);
    const name = `invalid scenario file: ${place}${times > 1 ? ` (${times})` : ''}`;
    return `  <testcase classname="${escapeXml(problem.file)}" name="${escapeXml(name)}" file="${escapeXml(problem.file)}" line="${problem.line}" time="0.000">\n    <error message="${escapeXml(message)}" type="InvalidScenarioFile">${escapeXml(`${message}\nNothing was run.`)}</error>\n  </testcase>`;
  });
  return document(
    cases,
    { tests: problems.length, failures: 0, errors: problems.length, skipped: 0, timeMs: 0 },
    suiteName,
  );
}

export interface JunitReportOptions {
  suiteName?: string;
  /** Scenarios never started (--bail, a server found unavailable, an interrupted run): `<skipped>` testcases. */
  notRun?: readonly NotRunScenario[];
  /**
   * The run's wall time, the suite's `time` (scenarios run side by side, so their times add up to more). The sum of
   * the scenarios' times when absent.
   */
  elapsedMs?: number;
}

export function junitReport(results: readonly ScenarioResult[], options: JunitReportOptions = {}): string {
  const { suiteName = 'mdmsim scenarios', notRun = [] } = options;
  const failures = results.filter((result) => result.status === 'failed').length;
  const errors = results.filter(
    (result) => result.status === 'error' || result.status === 'cancelled',
  ).length;
  const skipped = results.filter((result) => result.status === 'incomplete').length + notRun.length;
  const time = options.elapsedMs ?? results.reduce((sum, result) => sum + result.durationMs, 0);
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
    const failed = result.steps.find((step) => step.status === 'failed' || step.status === 'cancelled');
    // The first expected-versus-actual line too: most CI views show only the message.
    const mismatch = failed?.details?.[0] ? ` (${failed.details[0].trim()})` : '';
    const message = failed
      ? `${result.file}:${failed.line}: step ${failed.index + 1} (${failed.label}): ${failed.message ?? ''}${mismatch}`
      : `${result.file}:${result.line}: ${result.error ?? 'failed'}`;
    // An unavailable server, or an interrupted run, is an error of the environment, not a failure of the behaviour.
    const [element, type] =
      result.status === 'error'
        ? ['error', 'ServerUnavailable']
        : result.status === 'cancelled'
          ? ['error', 'Cancelled']
          : ['failure', 'ScenarioFailure'];
    return `${open}>\n    <${element} message="${escapeXml(message)}" type="${type}">${escapeXml(describeFailure(result))}</${element}>${out}\n  </testcase>`;
  });
  const left = notRun.map(
    (scenario) =>
      `  <testcase classname="${escapeXml(scenario.file)}" name="${escapeXml(scenario.name)}" file="${escapeXml(scenario.file)}" line="${scenario.line}" time="0.000">\n    <skipped message="${escapeXml(`not run: ${scenario.reason}`)}"/>\n  </testcase>`,
  );
  return document(
    [...cases, ...left],
    { tests: results.length + notRun.length, failures, errors, skipped, timeMs: time },
    suiteName,
  );
}
