// GitHub Actions annotations: one ::error (or ::warning for an incomplete scenario) per scenario, on its step's line.
import { failureLocation, type ScenarioResult } from './results.js';
import { describeFailure } from './text-report.js';

/** Workflow command data: %, CR and LF escaped (https://github.com/actions/toolkit, command.ts escapeData). */
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Workflow command properties: also : and , (command.ts escapeProperty). */
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

const TITLES = {
  passed: 'Scenario passed',
  failed: 'Scenario failed',
  incomplete: 'Scenario incomplete',
  error: 'Scenario could not run (server unavailable)',
  cancelled: 'Scenario cancelled (the run was interrupted)',
} as const;

export function githubAnnotations(results: readonly ScenarioResult[]): string {
  return results
    .filter((result) => result.status !== 'passed')
    .map((result) => {
      const { file, line } = failureLocation(result);
      const level = result.status === 'incomplete' ? 'warning' : 'error';
      const title = `${TITLES[result.status]}: ${result.name}`;
      return `::${level} file=${escapeProperty(file)},line=${line},title=${escapeProperty(title)}::${escapeData(describeFailure(result))}\n`;
    })
    .join('');
}
