// Writing a small file so that a kill or a power cut leaves either the previous file or the new one, never half of one.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

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
