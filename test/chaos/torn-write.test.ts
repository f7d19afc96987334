// The torn-write fault on a real SQLite WAL: whatever it tears, SQLite opens the database intact with every
// acknowledged transaction, and the tear only ever reaches what came after the acknowledged point.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { seeded } from '../../chaos/chaos-run.js';
import { type TearKind, tearWalTail, type WalMark, walMark } from '../../chaos/torn-write.js';

const folder = mkdtempSync(join(tmpdir(), 'mdmsim-torn-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/**
 * A database with `rows` one-row transactions, the WAL's mark after `acknowledged` of them, and a crash copy; with
 * `checkpointed`, a checkpoint has copied every frame into the database file and the WAL is still there (as after a
 * commit's auto-checkpoint, before the next write restarts the WAL).
 */
function crashedDatabase(rows: number, acknowledged: number, checkpointed = false) {
  const live = join(folder, `live-${rows}-${acknowledged}-${checkpointed}.db`);
  const db = new Database(live);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (n, body) VALUES (?, ?)');
  let mark: WalMark | null = null;
  for (let n = 1; n <= rows; n++) {
    insert.run(n, 'x'.repeat(500));
    if (n === acknowledged) mark = walMark(`${live}-wal`);
  }
  if (checkpointed) db.pragma('wal_checkpoint(PASSIVE)');
  // Copied while the connection is open (closing would checkpoint the WAL away): the files a SIGKILL leaves.
  const copies = (name: string) => {
    const path = join(folder, `${name}.db`);
    copyFileSync(live, path);
    copyFileSync(`${live}-wal`, `${path}-wal`);
    copyFileSync(`${live}-shm`, `${path}-shm`);
    return path;
  };
  return { copies, mark, close: () => db.close() };
}

function reopened(path: string): { rows: number[]; integrity: string } {
  const db = new Database(path);
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const rows = (db.prepare('SELECT n FROM t ORDER BY n').all() as Array<{ n: number }>).map((row) => row.n);
    return { rows, integrity };
  } finally {
    db.close();
  }
}

it('cuts or garbles only what follows the acknowledged point; SQLite recovers every acknowledged row', () => {
  const crashed = crashedDatabase(40, 25);
  const kinds = new Set<TearKind>();
  let fewest = Number.POSITIVE_INFINITY;
  try {
    for (let seed = 1; seed <= 30; seed++) {
      const path = crashed.copies(`tear-${seed}`);
      const tear = tearWalTail(path, crashed.mark, seeded(seed));
      kinds.add(tear.kind);
      const { rows, integrity } = reopened(path);
      expect(integrity).toBe('ok');
      // A prefix of the commits, all acknowledged ones included.
      expect(rows.length).toBeGreaterThanOrEqual(25);
      fewest = Math.min(fewest, rows.length);
      expect(rows).toEqual(Array.from({ length: rows.length }, (_, index) => index + 1));
    }
  } finally {
    crashed.close();
  }
  expect([...kinds].sort()).toEqual(['garbled', 'truncated']);
  // The tears did cost unacknowledged commits: SQLite dropped them rather than serving torn pages.
  expect(fewest).toBeLessThan(40);
});

it('never tears frames a checkpoint already copied into the database file (that would keep half a transaction)', () => {
  const crashed = crashedDatabase(300, 25, true);
  try {
    for (let seed = 1; seed <= 10; seed++) {
      const path = crashed.copies(`checkpointed-${seed}`);
      tearWalTail(path, crashed.mark, seeded(seed));
      // Every commit was synced before the checkpoint copied it: all of them survive, in order.
      expect(reopened(path)).toEqual({
        rows: Array.from({ length: 300 }, (_, index) => index + 1),
        integrity: 'ok',
      });
    }
  } finally {
    crashed.close();
  }
});

it('leaves a half-written frame after the last one when everything was acknowledged, losing nothing', () => {
  const crashed = crashedDatabase(10, 10);
  try {
    const path = crashed.copies('half');
    expect(tearWalTail(path, crashed.mark, seeded(7)).kind).toBe('halfFrameAppended');
    expect(reopened(path)).toEqual({
      rows: Array.from({ length: 10 }, (_, index) => index + 1),
      integrity: 'ok',
    });
  } finally {
    crashed.close();
  }
});
