// A child process a test started, with everything it writes collected and its end awaited; kept in `running` until it
// exits, so the test file can kill what a failed test left behind.
import type { ChildProcess } from 'node:child_process';

export interface WatchedChild {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far (all of it once `exited` has resolved). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function watchChild(child: ChildProcess, running: Set<ChildProcess>): WatchedChild {
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // 'close', not 'exit': by then stdout and stderr have been read to the end, so `output()` is complete.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  return { child, output: () => output, exited };
}
