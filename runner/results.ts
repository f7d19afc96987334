// What running a scenario produced, step by step: the one shape the progress line, JUnit and JSON reports read.
/** `cancelled`: the step was running, or next, when the run was interrupted (SIGINT, SIGTERM). */
export type StepStatus = 'passed' | 'failed' | 'skipped' | 'notRun' | 'cancelled';

export interface StepResult {
  index: number;
  /** The step's line in its file (1-based). */
  line: number;
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

/**
 * `incomplete`: nothing failed, but some steps could not run here (a server restart against --server). `error`: the
 * server could not be reached or used (refused, silent, untrusted, a token refused), so the scenario tested nothing.
 * `cancelled`: the run was interrupted (SIGINT, SIGTERM) while the scenario ran, so it tested nothing to the end.
 */
export type ScenarioStatus = 'passed' | 'failed' | 'incomplete' | 'error' | 'cancelled';

/** The runner moved the simulated clock of a server it shares with others (--server --allow-clock). */
export interface ClockChange {
  /** The step (0-based) and its line. */
  step: number;
  line: number;
  /** Real time when the step first moved the clock (ISO 8601). */
  at: string;
  /** Simulated milliseconds the step moved the clock forward, in all. */
  advancedMs: number;
  /** The clock speed the step set, when it set one. */
  speed?: number;
}

/** What a run against a shared server removed afterwards (its own devices, by fleet). */
export interface Cleanup {
  removed: number;
  stillConnected: number;
  error?: string;
}

export interface ScenarioResult {
  file: string;
  /** The line of the scenario's name (1-based). */
  line: number;
  name: string;
  status: ScenarioStatus;
  durationMs: number;
  fleetName: string;
  steps: StepResult[];
  /** A failure outside any step (the server or the fleet did not start). */
  error?: string;
  /** Against --server: every time the scenario moved that server's clock. */
  clockChanges?: ClockChange[];
  /** Against --server: the scenario's devices removed from that server afterwards. */
  cleanup?: Cleanup;
}

/** Where a result points in its file: the failed (skipped, cancelled) step's line, else the scenario's. */
export function failureLocation(result: ScenarioResult): { file: string; line: number } {
  const step = result.steps.find(
    (candidate) =>
      candidate.status === 'failed' || candidate.status === 'skipped' || candidate.status === 'cancelled',
  );
  return { file: result.file, line: step?.line ?? result.line };
}

export class StepFailure extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
    readonly deviceId?: string,
    /** Set when the runner stopped waiting early because the expectation could no longer be met. */
    readonly settled = false,
  ) {
    super(message);
    this.name = 'StepFailure';
  }
}

export class StepSkipped extends Error {
  override name = 'StepSkipped';
}
