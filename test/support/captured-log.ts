// A pino logger whose lines a test reads as objects, and a wait for a line with a given message.
import { Writable } from 'node:stream';
import pino from 'pino';

export function capturedLog(level: pino.LevelWithSilent = 'debug') {
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      for (const wake of waiters.splice(0)) wake();
      done();
    },
  });
  /** Resolves once a line with message `message` has been logged (at once when one was). */
  const logged = (message: string) =>
    new Promise<void>((resolve) => {
      const look = () => (lines.some((line) => line.msg === message) ? resolve() : waiters.push(look));
      look();
    });
  return { logger: pino({ level }, stream), lines, logged };
}
