// What running a scenario produced, step by step: the one shape the progress line, JUnit and JSON reports read.
export type StepStatus = 'passed' | 'failed' | 'skipped' | 'notRun';

export interface StepResult {
  index: number;
  label: string;
  status: StepStatus;
  durationMs: number;
  /** Why it failed or was skipped. */
  message?: string;
  /** Expected versus actual, one line each. */
  details?: string[];
  /** The device's latest events before the failure, oldest first. */
  recentEvents?: string[];
}

/** `incomplete`: nothing failed, but some steps could not run here (a server restart against --server). */
export type ScenarioStatus = 'passed' | 'failed' | 'incomplete';

export interface ScenarioResult {
  file: string;
  name: string;
  status: ScenarioStatus;
  durationMs: number;
  fleetName: string;
  steps: StepResult[];
  /** A failure outside any step (the server or the fleet did not start). */
  error?: string;
}

export class StepFailure extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
    readonly deviceId?: string,
  ) {
    super(message);
    this.name = 'StepFailure';
  }
}

export class StepSkipped extends Error {
  override name = 'StepSkipped';
}
