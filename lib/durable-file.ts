// Writing a small file so that a kill or a power cut leaves either the previous file or the new one, never half of one.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes to a temp file of this process's own (two processes sharing a file never write into each other's temp
 * file), flushes it to disk and renames it into place, owner-only; then makes the rename itself durable.
 */
export function writeWholeFile(file: string, text: string): void {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.next`;
  try {
    const descriptor = openSync(temp, 'wx', 0o600);
    try {
      writeFileSync(descriptor, text);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(dirname(file));
}

/** Makes a rename in `folder` durable; where a folder cannot be opened for that (Windows), the rename still stands. */
export function syncFolder(folder: string): void {
  try {
    const descriptor = openSync(folder, 'r');
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    // Best effort only: the file itself is already whole on disk.
  }
}

/**
 * Removes the temp files `writeWholeFile` left for `file` when a process was killed halfway (they may hold what the
 * file holds, passcodes too), except those of processes still running, which may be writing them now.
 */
export function removeStaleTempFiles(file: string): void {
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(file));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.next')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) continue;
    rmSync(join(dirname(file), name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: a process of another user has that pid: running.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Logs a failed write of `file` once per kind of failure (its errno code): a full disk under a fleet's changes is one
 * line, not one per device, and the log names the file and the failure, never what was being written.
 */
export function oncePerKindOfFailure(
  file: string,
  logger: { error(details: object, message: string): void } | undefined,
  message: string,
): (error: unknown) => void {
  const logged = new Set<string>();
  return (error) => {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    if (logged.has(code)) return;
    logged.add(code);
    logger?.error({ file, code, message: (error as Error).message }, message);
  };
}
