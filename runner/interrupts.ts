// Ctrl-C and a CI job's cancel (SIGINT, SIGTERM) stop a run cleanly: reports written, devices removed, a bounded exit.

/** The signals a run stops on, and the exit status each ends it with (128 + the signal's number, as a shell says). */
export const INTERRUPT_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
export type InterruptSignal = keyof typeof INTERRUPT_EXIT_CODES;

/**
 * Real ms from the first signal to the exit, at most: the running scenarios' cleanup (CANCEL_CLEANUP_MS) and the
 * reports fit in it. Under the 7.5 s GitHub Actions leaves between the SIGINT and the SIGTERM of a cancelled job, and
 * the 10 s `docker stop` and Kubernetes give before SIGKILL.
 */
export const INTERRUPT_EXIT_MS = 5_000;

export interface Interrupts {
  /** Aborted, with the signal's name as its reason, by the first signal. */
  readonly signal: AbortSignal;
  /** The first signal received, if any. */
  received(): InterruptSignal | undefined;
  /** Resolves INTERRUPT_EXIT_MS after the first signal, or at once on a second one: time to write and exit. */
  readonly overdue: Promise<void>;
  /** Stops listening: the signals kill the process again, as by default. */
  dispose(): void;
}

/** Listens for SIGINT and SIGTERM until `dispose`; `onFirst` hears the first. */
export function watchInterrupts(onFirst: (signal: InterruptSignal) => void): Interrupts {
  const controller = new AbortController();
  let first: InterruptSignal | undefined;
  let timer: NodeJS.Timeout | undefined;
  let markOverdue: () => void = () => undefined;
  const overdue = new Promise<void>((resolve) => {
    markOverdue = resolve;
  });
  const listeners = (Object.keys(INTERRUPT_EXIT_CODES) as InterruptSignal[]).map((name) => {
    const listener = () => {
      if (first !== undefined) {
        markOverdue();
        return;
      }
      first = name;
      timer = setTimeout(markOverdue, INTERRUPT_EXIT_MS);
      onFirst(name);
      controller.abort(name);
    };
    process.on(name, listener);
    return [name, listener] as const;
  });
  return {
    signal: controller.signal,
    received: () => first,
    overdue,
    dispose() {
      clearTimeout(timer);
      for (const [name, listener] of listeners) process.off(name, listener);
    },
  };
}
