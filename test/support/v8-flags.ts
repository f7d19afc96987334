// For the tests of the start-up helpers that set V8 flags: what a helper sets, and what a fresh Node process prints.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

type FlagSetter = (execArgv: readonly string[], setFlags: (flags: string) => void) => void;

/** The flags `setter` sets in a process started with `execArgv`. */
export function flagsSetBy(setter: FlagSetter, execArgv: string[]): string[] {
  const set: string[] = [];
  setter(execArgv, (flags) => set.push(flags));
  return set;
}

/** What a fresh Node process prints on stderr when it runs `script` (V8 reports an unknown flag there and goes on). */
export function stderrOf(script: string): string {
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: REPO,
    encoding: 'utf8',
  }).stderr;
}
