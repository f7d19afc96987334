// The report's steps of a scenario that ran none of them to its end (stopped before its first step, or cut short
// when the run had to exit): each step where its file has it, labelled as a run would, with what became of it.
import type { StepResult } from './results.js';
import type { LoadedScenario } from './scenario-file.js';
import { stepLabel } from './step-label.js';

export function unrunSteps(
  loaded: LoadedScenario,
  outcomeOf: (index: number) => Pick<StepResult, 'status' | 'message'>,
): StepResult[] {
  return loaded.scenario.steps.map((step, index) => {
    const { status, message } = outcomeOf(index);
    return {
      index,
      line: loaded.stepLines[index] ?? loaded.line,
      label: stepLabel(step),
      status,
      durationMs: 0,
      ...(message === undefined ? {} : { message }),
    };
  });
}
