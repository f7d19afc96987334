// A child process a test started, with everything it writes collected and its end awaited; kept in `running` until it
// exits, so the test file can kill what a failed test left behind.
import type { ChildProcess } from 'node:child_process';

export interface WatchedChild {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far (all of it once `exited` has resolved). */
  output(): string;
  /** Resolves with the first line of output that contains `text`, once written; rejects if the process ends first. */
  lineWith(text: string): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function watchChild(child: ChildProcess, running: Set<ChildProcess>): WatchedChild {
  let output = '';
  const waiting = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of waiting) check();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // 'close', not 'exit': by then stdout and stderr have been read to the end, so `output()` is complete.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  const lineWith = (text: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        // Whole lines only: the text after the last newline may still be half written.
        const line = output
          .slice(0, output.lastIndexOf('\n') + 1)
          .split('\n')
          .find((candidate) => candidate.includes(text));
        if (line === undefined) return;
        waiting.delete(check);
        resolve(line);
      };
      waiting.add(check);
      check();
      void exited.then(() => {
        if (!waiting.delete(check)) return;
        reject(new Error(`The process ended without writing a line with "${text}":\n${output}`));
      });
    });
  return { child, output: () => output, lineWith, exited };
}
