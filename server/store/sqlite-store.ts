// The durable store: one SQLite file (WAL), the changes of one event-loop turn committed together, every row checked
// when the store opens and read from a mirror in memory from then on.
import Database from 'better-sqlite3';
import type { z } from 'zod';
import { randomUuid } from '../../lib/random-uuid.js';
import { createMemoryStore, type MirrorStore } from './memory-store.js';
import { ActionRecordSchema, DeviceRecordSchema, QueuedCommandSchema, readRecord } from './record-schemas.js';
import type { ActionRecord, DeviceRecord, ListingSequence, QueuedCommand, Store } from './store.js';

export interface SqliteStoreOptions {
  /** Finished actions older than this (simulated ms before the stored time) are pruned on open; each device keeps its latest. */
  actionRetentionMs?: number;
  /** SQLite's own page limit for this connection (tests use it to fill the store for real); unset: no limit. */
  maxPageCount?: number;
  /** How long a change waits for another writer's lock before SQLITE_BUSY (DEFAULT_BUSY_TIMEOUT_MS when unset). */
  busyTimeoutMs?: number | undefined;
  /** Told of every failed commit, after the rollback and the reload of the in-memory copy from the file. */
  onCommitFailed?: (error: unknown) => void;
}

/** The files a store at `path` is kept in: `path` itself, then SQLite's write-ahead log and its shared-memory index. */
export const SQLITE_FILE_SUFFIXES = ['', '-wal', '-shm'] as const;

/** Only another writer on the file (a shell's write transaction) makes a change wait; see the README's store section. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/** The shortest time between two commits under load (one fsync is about 2.5 ms on the project's machine). */
export const MIN_COMMIT_INTERVAL_MS = 10;

/** The meta row that names the file's records (`Store.id`), written when the file is made. */
const STORE_ID = 'storeId';

/** The meta row that keeps the largest listing sequence given once rows holding the largest are removed. */
const SEQUENCE_MARK = 'lastSequence';

/** Ninety days: far beyond Intune's seven days of temporary passcode and what an audit list needs in a simulation. */
export const DEFAULT_ACTION_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS devices (id TEXT PRIMARY KEY, body TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS actions (
    id TEXT PRIMARY KEY, device_id TEXT NOT NULL, requested_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    final INTEGER NOT NULL, body TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS actions_by_device ON actions (device_id, requested_at);
  CREATE TABLE IF NOT EXISTS commands (command_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, body TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS commands_by_device ON commands (device_id);
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/**
 * Opens (or creates) the SQLite store at `path`. No connection survives a restart, so on open every device is offline,
 * nothing is on the wire (queued commands are to be sent again) and no action is `active`.
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: a change is on disk when its transaction returns, so nothing answered with a 204 can be lost.
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS)}`);
  db.exec(SCHEMA);
  if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.trunc(options.maxPageCount)}`);

  /** A row as the list queries read it: its key and JSON body, and for devices and actions its rowid. */
  type Row = { key: string; body: unknown };
  type ListedRow = Row & { sequence: ListingSequence };
  const read = <T>(
    schema: z.ZodType<T>,
    table: string,
    keyOf: (record: T) => string,
    row: { key: string; body: unknown },
  ): T => {
    const where = `file ${path}, table ${table}, row ${JSON.stringify(row.key)}`;
    const record = readRecord(schema, row.body, where);
    // A row's key and its record's own are one: a row changed by hand to disagree is refused, not half believed.
    if (keyOf(record) !== row.key)
      throw new Error(`The store's ${where} holds the record of ${JSON.stringify(keyOf(record))}.`);
    return record;
  };
  const device = (row: unknown) => read(DeviceRecordSchema, 'devices', (r) => r.id, row as Row);
  const action = (row: unknown) => read(ActionRecordSchema, 'actions', (r) => r.id, row as Row);
  const command = (row: unknown) => read(QueuedCommandSchema, 'commands', (r) => r.commandId, row as Row);

  const q = {
    // Rows are found by rowid, their listing sequence, which the mirror holds: one seek, no lookup by id (the id is
    // checked on the row found, so a file changed under the server is noticed, not written over: see `inStep`).
    deviceInsert: db.prepare('INSERT INTO devices (rowid, id, body) VALUES (?, ?, ?)'),
    deviceUpdate: db.prepare('UPDATE devices SET body = ? WHERE rowid = ? AND id = ?'),
    deviceList: db.prepare('SELECT rowid AS sequence, id AS key, body FROM devices ORDER BY rowid'),
    actionInsert: db.prepare(
      `INSERT INTO actions (rowid, id, device_id, requested_at, updated_at, final, body)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    actionUpdate: db.prepare(
      `UPDATE actions SET device_id = ?, requested_at = ?, updated_at = ?, final = ?, body = ?
       WHERE rowid = ? AND id = ?`,
    ),
    /** A new state of an action whose device and request time the row already holds: its index entries stay. */
    actionRestate: db.prepare(
      'UPDATE actions SET updated_at = ?, final = ?, body = ? WHERE rowid = ? AND id = ?',
    ),
    // In the order the actions were recorded, as the memory store keeps them (oldest request first, for the server's).
    actionList: db.prepare('SELECT rowid AS sequence, id AS key, body FROM actions ORDER BY rowid'),
    commandPut: db.prepare(
      `INSERT INTO commands (command_id, device_id, body) VALUES (?, ?, ?)
       ON CONFLICT(command_id) DO UPDATE SET device_id = excluded.device_id, body = excluded.body`,
    ),
    /** A command's new body, its device unchanged: its index entry stays. */
    commandRestate: db.prepare(
      `INSERT INTO commands (command_id, device_id, body) VALUES (?, ?, ?)
       ON CONFLICT(command_id) DO UPDATE SET body = excluded.body`,
    ),
    commandRemove: db.prepare('DELETE FROM commands WHERE command_id = ?'),
    commandList: db.prepare('SELECT command_id AS key, body FROM commands ORDER BY rowid'),
    metaGet: db.prepare('SELECT value FROM meta WHERE key = ?'),
    metaPut: db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ),
    topRowid: db.prepare(
      'SELECT MAX(m) AS top FROM (SELECT MAX(rowid) AS m FROM devices UNION ALL SELECT MAX(rowid) FROM actions)',
    ),
    latestRecordedTime: db.prepare(
      `SELECT MAX(t) AS t FROM (SELECT MAX(updated_at) AS t FROM actions
         UNION ALL SELECT MAX(json_extract(body, '$.lastSyncAt')) FROM devices)`,
    ),
  };
  /**
   * `stored` is the record the mirror holds under the same id, whose columns the file holds (records are replaced,
   * never changed in place: every change puts a new object). A new record that leaves the indexed columns as the
   * stored one has them (every state an action goes through, every command marked sent or not) sets only the others:
   * SQLite rewrites the index entries of every column an UPDATE assigns, even to the same value, and each rewritten
   * entry is one more page in the WAL at the next commit. No stored record, or the stored object itself put again,
   * writes every column.
   */
  const putAction = (record: ActionRecord, stored: ActionRecord | undefined, sequence: ListingSequence) => {
    const final = record.state === 'pending' || record.state === 'active' ? 0 : 1;
    const body = JSON.stringify(record);
    if (stored === undefined) {
      return q.actionInsert.run(
        sequence,
        record.id,
        record.deviceId,
        record.requestedAt,
        record.updatedAt,
        final,
        body,
      );
    }
    if (
      stored !== record &&
      stored.deviceId === record.deviceId &&
      stored.requestedAt === record.requestedAt
    ) {
      return q.actionRestate.run(record.updatedAt, final, body, sequence, record.id);
    }
    return q.actionUpdate.run(
      record.deviceId,
      record.requestedAt,
      record.updatedAt,
      final,
      body,
      sequence,
      record.id,
    );
  };
  const putCommand = (record: QueuedCommand, stored: QueuedCommand | undefined) =>
    (stored !== undefined && stored !== record && stored.deviceId === record.deviceId
      ? q.commandRestate
      : q.commandPut
    ).run(record.commandId, record.deviceId, JSON.stringify(record));
  /** `known`: the file holds the device's row already (the mirror knows it). */
  const putDevice = (record: DeviceRecord, sequence: ListingSequence, known: boolean) =>
    known
      ? q.deviceUpdate.run(JSON.stringify(record), sequence, record.id)
      : q.deviceInsert.run(sequence, record.id, JSON.stringify(record));
  /** The listing sequences given so far: the largest rowid, or the mark saved when rows above it were removed. */
  const givenSequences = (): ListingSequence => {
    const saved = q.metaGet.get(SEQUENCE_MARK) as { value: string } | undefined;
    const { top } = q.topRowid.get() as { top: number | null };
    return Math.max(saved ? Number(saved.value) : 0, top ?? 0);
  };

  /** Before rows are removed: the sequences given stay given, even if the rows with the largest go. */
  const saveSequenceMark = (given: ListingSequence) => q.metaPut.run(SEQUENCE_MARK, String(given));

  const loadTime = (): number | undefined => {
    const saved = q.metaGet.get('clock') as { value: string } | undefined;
    const recorded = (q.latestRecordedTime.get() as { t: number | null }).t;
    const times = [saved ? Number(saved.value) : Number.NaN, recorded ?? Number.NaN].filter(Number.isFinite);
    return times.length > 0 ? Math.max(...times) : undefined;
  };

  /**
   * Every row, read and checked, into a fresh in-memory copy (rows in the store's own orders). On `restart`, what no
   * longer holds after a restart is written back: no device connected, no action active, no command on the wire.
   */
  const loadMirror = (restart: boolean, sequencesAfter = 0): MirrorStore => {
    const loaded = createMemoryStore(Math.max(givenSequences(), sequencesAfter));
    for (const row of q.deviceList.all() as ListedRow[]) {
      const stored = device(row);
      const record = restart && stored.connected ? { ...stored, connected: false } : stored;
      if (record !== stored) putDevice(record, row.sequence, true);
      loaded.devices.putAt(record, row.sequence);
    }
    for (const row of q.actionList.all() as ListedRow[]) {
      const stored = action(row);
      const record: ActionRecord =
        restart && stored.state === 'active' ? { ...stored, state: 'pending' } : stored;
      if (record !== stored) putAction(record, stored, row.sequence);
      loaded.actions.putAt(record, row.sequence);
    }
    for (const row of q.commandList.all()) {
      const stored = command(row);
      const record = restart && stored.sent ? { ...stored, sent: false } : stored;
      if (record !== stored) putCommand(record, stored);
      loaded.commands.enqueue(record);
    }
    return loaded;
  };

  // What a restart means, in one transaction: old finished actions pruned, then every row read (and so checked) once.
  let id = '';
  let mirror: MirrorStore = db.transaction(() => {
    const saved = q.metaGet.get(STORE_ID) as { value: string } | undefined;
    id = saved?.value ?? randomUuid();
    if (!saved) q.metaPut.run(STORE_ID, id);
    const now = loadTime();
    if (now !== undefined) {
      const cutoff = now - (options.actionRetentionMs ?? DEFAULT_ACTION_RETENTION_MS);
      saveSequenceMark(givenSequences());
      db.prepare(
        `DELETE FROM actions WHERE final = 1 AND updated_at < ? AND id NOT IN (
           SELECT (SELECT id FROM actions AS latest WHERE latest.device_id = d.device_id
                   ORDER BY requested_at DESC, rowid DESC LIMIT 1)
           FROM (SELECT DISTINCT device_id FROM actions) AS d)`,
      ).run(cutoff);
    }
    return loadMirror(true);
  })();
  /** After a change that SQLite undid (a failed savepoint or commit), the mirror is read again from the file. */
  const reloadMirror = () => {
    // Numbers given in the lost change stay given: a record that comes again gets a new one.
    mirror = loadMirror(false, mirror.lastSequence());
  };
  /**
   * A row write by rowid must find the row the mirror says is there (one changed row), and an insert must find its
   * rowid free. Only another writer on the file (a shell, a second server) can break either: the change is refused
   * and the mirror read again from the file, so the next change works from what the file holds.
   */
  const inStep = (write: () => Database.RunResult) => {
    let changes: number;
    try {
      ({ changes } = write());
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) reloadMirror();
      throw error;
    }
    if (changes !== 1) {
      reloadMirror();
      throw new Error(
        `The store ${path} changed under the server (another writer on the file?): a row it wrote is gone or moved.`,
      );
    }
  };

  /** One transaction wrapper for every change (better-sqlite3 builds a new one, ~15 µs, per `db.transaction` call). */
  const inSavepoint = db.transaction((change: () => unknown) => change());
  const removeActionsOf = db.prepare('DELETE FROM actions WHERE device_id = ?');
  const removeDevice = db.prepare('DELETE FROM devices WHERE id = ?');
  let closed = false;

  /**
   * Group commit: the first change opens a transaction that every later change joins, and it commits with one fsync
   * once the turn's work is done (setImmediate), or, when the previous commit was less than
   * MIN_COMMIT_INTERVAL_MS ago, once that interval has passed: an idle server commits at once, a busy one blocks its
   * event loop on fsync at most about a quarter of the time. Reads on this connection see the open batch. Callers
   * that must not answer before their change is durable wait on `committed()`.
   */
  let batch:
    | {
        cancel(): void;
        waiters: Array<{ resolve(): void; reject(error: unknown): void }>;
        /** Set when SQLite rolled the batch back on its own: it fails as a whole when its commit is due. */
        lost?: unknown;
      }
    | undefined;
  let lastCommitAt = Number.NEGATIVE_INFINITY;
  /** The open batch is lost (its COMMIT failed, or SQLite rolled it back itself): reload, tell, and fail its waiters. */
  const abandonBatch = (error: unknown) => {
    const current = batch;
    if (!current) return;
    batch = undefined;
    current.cancel();
    if (db.inTransaction) db.exec('ROLLBACK');
    reloadMirror();
    options.onCommitFailed?.(error);
    for (const waiter of current.waiters) waiter.reject(error);
  };
  const commitBatch = () => {
    const current = batch;
    if (!current) return;
    try {
      if (current.lost !== undefined) throw current.lost;
      db.exec('COMMIT');
    } catch (error) {
      abandonBatch(error);
      return;
    } finally {
      lastCommitAt = performance.now();
    }
    batch = undefined;
    current.cancel();
    for (const waiter of current.waiters) waiter.resolve();
  };
  /**
   * Runs one change's statements. Some errors (SQLITE_FULL, SQLITE_IOERR) make SQLite roll back the whole transaction
   * on its own: the batch is then lost (its waiters fail at its commit), and later changes of it are refused rather
   * than run outside a transaction.
   */
  const guarded = <T>(change: () => T): T => {
    try {
      return change();
    } catch (error) {
      if (batch && batch.lost === undefined && !db.inTransaction) {
        batch.lost = error;
        reloadMirror();
      }
      throw error;
    }
  };
  /** Every change goes through here: the store must be open, and the change joins the open batch. */
  const writable = () => {
    if (closed) throw new Error(`The store ${path} is closed; nothing more can be recorded.`);
    if (batch?.lost !== undefined) throw batch.lost;
    if (batch) return;
    db.exec('BEGIN IMMEDIATE');
    const wait = lastCommitAt + MIN_COMMIT_INTERVAL_MS - performance.now();
    if (wait > 0) {
      const timer = setTimeout(commitBatch, wait);
      batch = { cancel: () => clearTimeout(timer), waiters: [] };
    } else {
      const immediate = setImmediate(commitBatch);
      batch = { cancel: () => clearImmediate(immediate), waiters: [] };
    }
  };

  // Reads answer from the mirror (checked when the store opened, kept by every change since); changes go to both.
  return {
    id,
    devices: {
      get: (id) => mirror.devices.get(id),
      put(record) {
        writable();
        // A new row's rowid is its listing sequence, the store's next: the file keeps it, so cursors hold across a restart.
        const known = mirror.devices.sequenceOf(record.id);
        const sequence = known ?? mirror.lastSequence() + 1;
        guarded(() => inStep(() => putDevice(record, sequence, known !== undefined)));
        mirror.devices.putAt(record, sequence);
      },
      list: () => mirror.devices.list(),
      ids: () => mirror.devices.ids(),
      sequenceOf: (id) => mirror.devices.sequenceOf(id),
      count: () => mirror.devices.count(),
      remove(id) {
        writable();
        guarded(() => {
          saveSequenceMark(mirror.lastSequence());
          removeDevice.run(id);
        });
        mirror.devices.remove(id);
      },
    },
    actions: {
      get: (id) => mirror.actions.get(id),
      put(record) {
        writable();
        const sequence = mirror.actions.sequenceOf(record.id) ?? mirror.lastSequence() + 1;
        guarded(() => inStep(() => putAction(record, mirror.actions.get(record.id), sequence)));
        mirror.actions.putAt(record, sequence);
      },
      list: () => mirror.actions.list(),
      ids: () => mirror.actions.ids(),
      sequenceOf: (id) => mirror.actions.sequenceOf(id),
      latestFor: (deviceId) => mirror.actions.latestFor(deviceId),
      removeFor(deviceIds) {
        if (deviceIds.size === 0) return;
        writable();
        // One savepoint for all the devices, as a transaction's change: kept whole or undone whole (the mirror read
        // again from the file then), never half the devices in the file and none in the mirror.
        try {
          guarded(() =>
            inSavepoint(() => {
              saveSequenceMark(mirror.lastSequence());
              for (const deviceId of deviceIds) removeActionsOf.run(deviceId);
            }),
          );
        } catch (error) {
          reloadMirror();
          throw error;
        }
        mirror.actions.removeFor(deviceIds);
      },
    },
    commands: {
      enqueue(record) {
        writable();
        guarded(() => putCommand(record, mirror.commands.get(record.commandId)));
        mirror.commands.enqueue(record);
      },
      get: (commandId) => mirror.commands.get(commandId),
      update(record) {
        writable();
        guarded(() => putCommand(record, mirror.commands.get(record.commandId)));
        mirror.commands.update(record);
      },
      remove(commandId) {
        writable();
        guarded(() => q.commandRemove.run(commandId));
        mirror.commands.remove(commandId);
      },
      pendingFor: (deviceId) => mirror.commands.pendingFor(deviceId),
    },
    time: {
      load: loadTime,
      save(now) {
        writable();
        guarded(() => q.metaPut.run('clock', String(now)));
      },
    },
    transaction(change) {
      writable();
      // Inside the turn's batch, better-sqlite3 makes this a savepoint: the change is kept whole or undone whole (and
      // the mirror, which cannot undo, is read again from the file).
      try {
        return guarded(() => inSavepoint(change) as ReturnType<typeof change>);
      } catch (error) {
        reloadMirror();
        throw error;
      }
    },
    committed() {
      const current = batch;
      if (!current) return undefined;
      return new Promise<void>((resolve, reject) => current.waiters.push({ resolve, reject }));
    },
    close() {
      if (closed) return;
      commitBatch();
      closed = true;
      db.close();
    },
  };
}
