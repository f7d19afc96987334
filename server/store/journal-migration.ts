// Moves a store file written by earlier versions (a JSON-lines journal) into SQLite, once, keeping the old file aside.
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, rmSync } from 'node:fs';
import { z } from 'zod';
import {
  ActionRecordSchema,
  DeviceRecordSchema,
  QueuedCommandSchema,
  StoreCorruptError,
} from './record-schemas.js';
import { SQLITE_FILE_SUFFIXES } from './sqlite-store.js';
import type { Store } from './store.js';

const SQLITE_HEADER = 'SQLite format 3\u0000';

const JournalEntry = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('device'), v: DeviceRecordSchema }),
  z.strictObject({ t: z.literal('action'), v: ActionRecordSchema }),
  z.strictObject({ t: z.literal('command'), v: QueuedCommandSchema }),
  z.strictObject({ t: z.literal('commandRemoved'), id: z.string().min(1) }),
]);

/** Whether `path` holds something other than a SQLite database (an old journal); an empty or missing file does not. */
export function isJournalFile(path: string): boolean {
  if (!existsSync(path)) return false;
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, header, 0, header.length, 0);
    return read > 0 && header.toString('latin1', 0, read) !== SQLITE_HEADER.slice(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Renames the journal at `path` to `<path>.journal-migrated`, then replays it into the store `open` makes at `path`,
 * in one transaction. Every entry is checked; only a torn last line (a crash mid-write) is skipped. A replay that
 * fails, statement or commit, leaves nothing half done: the new file goes, the journal is put back, and the error
 * ends the start, so the next start tries again instead of serving an empty store beside the kept journal.
 */
export function migrateJournal(
  path: string,
  open: (path: string, onCommitFailed?: (error: unknown) => void) => Store,
): Store {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  // The journal wrote each entry with its newline: only a last line without one can be torn (a crash mid-write).
  const tornLast = text.endsWith('\n') ? -1 : lines.length - 1;
  const entries = lines.flatMap((line, index) => {
    if (line.trim() === '') return [];
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      if (index === tornLast) return [];
      throw new StoreCorruptError(`journal ${path}`, `line ${index + 1} is not JSON.`);
    }
    const parsed = JournalEntry.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StoreCorruptError(
        `journal ${path}`,
        `line ${index + 1}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}.`,
      );
    }
    return [parsed.data];
  });
  // Text with no entry at all is some other file named as the store, and is not moved aside; unless its one line is
  // the torn start of an entry (the old store compacted an empty journal to nothing, then crashed mid-append).
  if (entries.length === 0 && !lines[tornLast]?.startsWith('{"t":"')) {
    throw new StoreCorruptError(
      `journal ${path}`,
      'no line is a journal entry; is this a store file of mdmsim?',
    );
  }
  const kept = `${path}.journal-migrated`;
  renameSync(path, kept);
  let store: Store | undefined;
  let commitFailure: { error: unknown } | undefined;
  try {
    const migrating = open(path, (error) => {
      commitFailure ??= { error };
    });
    store = migrating;
    migrating.transaction(() => {
      for (const entry of entries) {
        switch (entry.t) {
          case 'device':
            migrating.devices.put(entry.v);
            break;
          case 'action':
            migrating.actions.put(entry.v);
            break;
          case 'command':
            migrating.commands.update(entry.v);
            break;
          case 'commandRemoved':
            migrating.commands.remove(entry.id);
            break;
        }
      }
    });
    // Closing commits: a commit that fails is reported to `onCommitFailed`, not thrown.
    migrating.close();
    if (commitFailure) throw commitFailure.error;
  } catch (error) {
    try {
      store?.close();
    } catch {
      // Already failing: the first error is the one to report.
    }
    for (const suffix of SQLITE_FILE_SUFFIXES) rmSync(`${path}${suffix}`, { force: true });
    renameSync(kept, path);
    throw error;
  }
  // Reopened, so the restart rules (offline, nothing on the wire) apply to what the journal held.
  return open(path);
}
