// An interrupted run (SIGINT, SIGTERM): what a scenario awaits gives way at once, and its cleanup is bounded in time.
import type { ScenarioResult } from './results.js';
import type { LoadedScenario } from './scenario-file.js';
import { unrunSteps } from './unrun-steps.js';

/**
 * Real ms a scenario interrupted by a signal may spend removing its devices from the server (stopping its agents,
 * waiting for the server to see them gone, DELETE /sim/devices?fleet=): a server that no longer answers must not hold
 * the exit up.
 */
export const CANCEL_CLEANUP_MS = 3_000;

/** The run was interrupted while this was awaited; `deviceIds` are the devices already started, to be removed. */
export class RunCancelled extends Error {
  override name = 'RunCancelled';
  constructor(
    /** What interrupted the run, such as SIGTERM. */
    readonly reason: string,
    readonly deviceIds: readonly string[] = [],
  ) {
    super(`Cancelled: the run was interrupted (${reason}).`);
  }
}

/** What interrupted the run, as the signal's abort reason says it (the signal's name). */
export const reasonOf = (signal: AbortSignal) =>
  typeof signal.reason === 'string' ? signal.reason : 'interrupted';

/**
 * `work`, or a RunCancelled as soon as `signal` aborts; the work left behind is not awaited (its failure is dropped:
 * what it was for is being cleaned up).
 */
export function untilCancelled<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  const abandon = () => {
    work.catch(() => undefined);
    return new RunCancelled(reasonOf(signal));
  };
  if (signal.aborted) return Promise.reject(abandon());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abandon());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The result of a scenario still cleaning up when the run had to exit (INTERRUPT_EXIT_MS): `cancelled` at the step it
 * had reached (those before it passed, as a scenario stops at its first step that does not), its devices perhaps left
 * on the server.
 */
export function unfinishedResult(
  loaded: LoadedScenario,
  options: { reachedStep: number | undefined; reason: string; fleetName: string; durationMs: number },
): ScenarioResult {
  const reached = options.reachedStep ?? -1;
  return {
    file: loaded.file,
    line: loaded.line,
    name: loaded.scenario.name,
    status: 'cancelled',
    durationMs: Math.round(options.durationMs),
    fleetName: options.fleetName,
    steps: unrunSteps(loaded, (index) =>
      index === reached
        ? {
            status: 'cancelled',
            message: `Cancelled: the run was interrupted (${options.reason}) at this step.`,
          }
        : { status: index < reached ? 'passed' : 'notRun' },
    ),
    error: `Cancelled (${options.reason}); its cleanup had not ended when the run had to exit, so its devices may be left on the server (fleet ${options.fleetName}).`,
  };
}
