// One conformance suite for every store backend, plus what only the durable one promises: surviving a restart.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../server/store/memory-store.js';
import { openSqliteStore } from '../../../server/store/sqlite-store.js';
import type { ActionRecord, DeviceRecord, QueuedCommand, Store } from '../../../server/store/store.js';
import { openStore } from '../../../server/store/store-plugin.js';
import { deviceRecord } from '../../support/device-record.js';

const folder = mkdtempSync(join(tmpdir(), 'mdmsim-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
const file = (extension = 'db') => join(folder, `store-${files++}.${extension}`);

const device = (id: string, enrolledAt = 1): DeviceRecord =>
  deviceRecord(id, { enrolledAt, lastSyncAt: enrolledAt, connected: true });
const action = (
  id: string,
  deviceId: string,
  requestedAt: number,
  state: ActionRecord['state'] = 'pending',
) =>
  ({
    id,
    deviceId,
    action: 'resetPasscode',
    state,
    initiatedBy: 'admin@example.com',
    requestedAt,
    updatedAt: requestedAt,
    passcode: '123456',
    errorCode: null,
    errorDescription: null,
  }) satisfies ActionRecord;
const command = (commandId: string, deviceId: string, sent = false): QueuedCommand => ({
  commandId,
  actionId: `a-${commandId}`,
  deviceId,
  request: { requestType: 'ResetPassword', newPassword: '123456', flags: 1 },
  sent,
  notNowCount: 0,
});

const backends: Array<[string, () => Store]> = [
  ['memory', () => createMemoryStore()],
  ['sqlite', () => openSqliteStore(file())],
];

describe.each(backends)('%s store', (_name, open) => {
  it('keeps devices in enrollment order and replaces them by id', () => {
    const store = open();
    store.devices.put(device('a'));
    store.devices.put(device('b'));
    store.devices.put({ ...device('a'), fleet: 'g' });
    expect(store.devices.list().map((d) => d.id)).toEqual(['a', 'b']);
    expect(store.devices.get('a')?.fleet).toBe('g');
    expect(store.devices.count()).toBe(2);
    expect(store.devices.get('nope')).toBeUndefined();
  });

  it('removes a device (a test run cleaning up), its actions staying', () => {
    const store = open();
    store.devices.put(device('a'));
    store.devices.put(device('b'));
    store.actions.put(action('x1', 'a', 10));
    store.devices.remove('a');
    store.devices.remove('unknown');
    expect(store.devices.list().map((d) => d.id)).toEqual(['b']);
    expect(store.devices.count()).toBe(1);
    expect(store.actions.get('x1')).toBeDefined();
  });

  it("tracks each device's latest action, whatever order actions are written in", () => {
    const store = open();
    store.actions.put(action('x1', 'a', 10));
    store.actions.put(action('x2', 'a', 20));
    store.actions.put({ ...action('x1', 'a', 10), state: 'done' });
    expect(store.actions.latestFor('a')?.id).toBe('x2');
    // The latest action's own changes are what latestFor gives, not the record first written.
    store.actions.put({ ...action('x2', 'a', 20), state: 'active' });
    expect(store.actions.latestFor('a')).toMatchObject({ id: 'x2', state: 'active' });
    expect(store.actions.list().map((a) => a.id)).toEqual(['x1', 'x2']);
    expect(store.actions.latestFor('b')).toBeUndefined();
  });

  it('forgets every action of the devices named, and only theirs, in one call', () => {
    const store = open();
    store.actions.put(action('x1', 'a', 10));
    store.actions.put(action('x2', 'b', 11));
    store.actions.put(action('x3', 'c', 12));
    store.actions.put(action('x4', 'a', 13));
    store.actions.removeFor(new Set(['a', 'b', 'unknown']));
    expect(store.actions.list().map((a) => a.id)).toEqual(['x3']);
    expect(store.actions.latestFor('a')).toBeUndefined();
    expect(store.actions.latestFor('b')).toBeUndefined();
    expect(store.actions.latestFor('c')?.id).toBe('x3');
  });

  it("gives the ids in list's order, the same array until an id comes or goes", () => {
    const store = open();
    store.devices.put(device('a'));
    store.devices.put(device('b'));
    const ids = store.devices.ids();
    expect(ids).toEqual(['a', 'b']);
    // A record's change keeps the array (a page after a device reports is not a copy of the fleet) ...
    store.devices.put({ ...device('a'), fleet: 'g' });
    expect(store.devices.ids()).toBe(ids);
    // ... a new device or a removed one gives a new one.
    store.devices.put(device('c'));
    expect(store.devices.ids()).toEqual(['a', 'b', 'c']);
    store.devices.remove('a');
    expect(store.devices.ids()).toEqual(['b', 'c']);
    expect(ids).toEqual(['a', 'b']);
    // A device enrolled again comes last, as in list().
    store.devices.put(device('a'));
    expect(store.devices.ids()).toEqual(store.devices.list().map((d) => d.id));
    expect(store.devices.ids()).toEqual(['b', 'c', 'a']);
    expect(Object.isFrozen(store.devices.ids())).toBe(true);

    store.actions.put(action('x1', 'b', 10));
    store.actions.put(action('x2', 'c', 11));
    const actionIds = store.actions.ids();
    expect(actionIds).toEqual(store.actions.list().map((a) => a.id));
    store.actions.put({ ...action('x1', 'b', 10), state: 'done' });
    expect(store.actions.ids()).toBe(actionIds);
    store.actions.put(action('x3', 'b', 12));
    expect(store.actions.ids()).toEqual(['x1', 'x2', 'x3']);
    store.actions.removeFor(new Set(['b']));
    expect(store.actions.ids()).toEqual(['x2']);
  });

  it('gives each id a listing sequence that grows along ids(), kept while its record changes, never reused', () => {
    const store = open();
    const sequences = (kind: 'devices' | 'actions') =>
      store[kind].ids().map((id) => store[kind].sequenceOf(id) ?? Number.NaN);
    const increasing = (numbers: number[]) => numbers.every((n, i) => i === 0 || n > (numbers[i - 1] ?? n));
    for (const id of ['a', 'b', 'c']) store.devices.put(device(id));
    const b = store.devices.sequenceOf('b');
    store.devices.put({ ...device('b'), fleet: 'changed' });
    expect(store.devices.sequenceOf('b')).toBe(b);
    const c = store.devices.sequenceOf('c') ?? Number.NaN;
    // The last one leaves and another comes: a cursor after the one that left still places the newcomer after it.
    store.devices.remove('c');
    expect(store.devices.sequenceOf('c')).toBeUndefined();
    store.devices.put(device('d'));
    expect(store.devices.sequenceOf('d')).toBeGreaterThan(c);
    // Enrolled again: last in ids() and in sequence.
    store.devices.remove('a');
    store.devices.put(device('a'));
    expect(store.devices.ids()).toEqual(['b', 'd', 'a']);
    expect(increasing(sequences('devices'))).toBe(true);
    expect(store.devices.sequenceOf('unknown')).toBeUndefined();

    store.actions.put(action('x1', 'b', 10));
    store.actions.put(action('x2', 'd', 11));
    const x1 = store.actions.sequenceOf('x1');
    store.actions.put({ ...action('x1', 'b', 10), state: 'done' });
    expect(store.actions.sequenceOf('x1')).toBe(x1);
    store.actions.put(action('x3', 'b', 12));
    expect(increasing(sequences('actions'))).toBe(true);
    store.actions.removeFor(new Set(['b']));
    expect(store.actions.sequenceOf('x1')).toBeUndefined();
    expect(store.actions.sequenceOf('x2')).toBeDefined();
  });

  it('queues commands per device in order, updates and removes them', () => {
    const store = open();
    store.commands.enqueue(command('c1', 'a'));
    store.commands.enqueue(command('c2', 'a'));
    store.commands.enqueue(command('c3', 'b'));
    store.commands.update({ ...command('c1', 'a'), sent: true });
    expect(store.commands.pendingFor('a').map((c) => [c.commandId, c.sent])).toEqual([
      ['c1', true],
      ['c2', false],
    ]);
    store.commands.remove('c1');
    store.commands.remove('unknown');
    expect(store.commands.pendingFor('a').map((c) => c.commandId)).toEqual(['c2']);
    expect(store.commands.get('c1')).toBeUndefined();
    expect(store.commands.pendingFor('b')).toHaveLength(1);
  });
});

describe.each(backends)('%s store, more', (_name, open) => {
  it('keeps the latest simulated time saved', () => {
    const store = open();
    expect(store.time.load()).toBeUndefined();
    store.time.save(1_000);
    expect(store.time.load()).toBe(1_000);
  });

  it('runs a transaction and returns its value', () => {
    const store = open();
    const value = store.transaction(() => {
      store.devices.put(device('a'));
      store.transaction(() => store.commands.enqueue(command('c1', 'a')));
      return 42;
    });
    expect(value).toBe(42);
    expect(store.devices.get('a')).toBeDefined();
    expect(store.commands.get('c1')).toBeDefined();
  });
});

describe('SQLite store across a restart', () => {
  it('keeps its id in the file; every memory store has its own', () => {
    const path = file();
    const first = openSqliteStore(path);
    const id = first.id;
    first.close();
    const again = openSqliteStore(path);
    expect(again.id).toBe(id);
    again.close();
    expect(openSqliteStore(file()).id).not.toBe(id);
    expect(createMemoryStore().id).not.toBe(createMemoryStore().id);
  });

  it('never gives an action the sequence of one removed or pruned, across restarts', () => {
    const path = file();
    const before = openSqliteStore(path);
    before.actions.put(action('x1', 'a', 20, 'done'));
    before.actions.put(action('x2', 'b', 21, 'done'));
    const removed = before.actions.sequenceOf('x2') ?? Number.NaN;
    // The newest action goes with its device (the simulator's reset).
    before.actions.removeFor(new Set(['b']));
    before.close();
    const afterRemoval = openSqliteStore(path);
    afterRemoval.actions.put(action('x3', 'a', 30, 'done'));
    expect(afterRemoval.actions.sequenceOf('x3')).toBeGreaterThan(removed);
    // The newest row again, an older request of a device that has a later one: pruned when the store opens.
    afterRemoval.actions.put(action('x4', 'a', 10, 'done'));
    const pruned = afterRemoval.actions.sequenceOf('x4') ?? Number.NaN;
    afterRemoval.time.save(1_000);
    afterRemoval.close();
    const afterPrune = openSqliteStore(path, { actionRetentionMs: 1 });
    expect(afterPrune.actions.get('x4')).toBeUndefined();
    afterPrune.close();
    const last = openSqliteStore(path);
    last.actions.put(action('x5', 'a', 40, 'done'));
    expect(last.actions.sequenceOf('x5')).toBeGreaterThan(pruned);
    last.close();
  });

  it('brings back devices, actions and queued commands; nothing is connected or on the wire any more', () => {
    const path = file();
    const before = openSqliteStore(path);
    before.devices.put(device('a'));
    before.actions.put(action('x1', 'a', 10, 'active'));
    before.commands.enqueue(command('c1', 'a', true));
    before.commands.enqueue(command('c2', 'a'));
    before.commands.remove('c2');
    before.close();

    const after = openSqliteStore(path);
    expect(after.devices.get('a')).toMatchObject({ id: 'a', connected: false, secretHash: 'ab'.repeat(32) });
    expect(after.actions.latestFor('a')).toMatchObject({ id: 'x1', state: 'pending', passcode: '123456' });
    expect(after.commands.pendingFor('a')).toEqual([command('c1', 'a', false)]);
    after.close();
  });

  it("gives the ids in list's order and their sequences after a restart: devices as enrolled, actions as recorded", () => {
    const path = file();
    const before = openSqliteStore(path);
    for (const id of ['c', 'a', 'b']) before.devices.put(device(id));
    before.devices.remove('a');
    before.devices.put(device('a'));
    before.actions.put(action('x2', 'a', 20));
    before.actions.put(action('x1', 'b', 10));
    const devicesBefore = [...before.devices.ids()];
    const sequencesOf = (store: Store) => [
      ...store.devices.ids().map((id) => store.devices.sequenceOf(id)),
      ...store.actions.ids().map((id) => store.actions.sequenceOf(id)),
    ];
    const sequencesBefore = sequencesOf(before);
    before.close();

    const after = openSqliteStore(path);
    expect(after.devices.ids()).toEqual(devicesBefore);
    expect(after.devices.ids()).toEqual(after.devices.list().map((d) => d.id));
    // Actions come back in the order they were recorded, as the memory store keeps them and list() gives them.
    expect(after.actions.ids()).toEqual(['x2', 'x1']);
    expect(after.actions.ids()).toEqual(after.actions.list().map((a) => a.id));
    // The same sequences, gaps included ('a' left and came back): a cursor taken before the restart holds after it.
    expect(sequencesOf(after)).toEqual(sequencesBefore);
    after.devices.put(device('e'));
    const e = after.devices.sequenceOf('e') ?? Number.NaN;
    expect(e).toBeGreaterThan(Math.max(...sequencesBefore.map(Number)));
    // The newest row leaves, then the store restarts: its sequence is still not given to the next one.
    after.devices.remove('e');
    after.close();
    const again = openSqliteStore(path);
    again.devices.put(device('f'));
    expect(again.devices.sequenceOf('f')).toBeGreaterThan(e);
    again.close();
  });

  it("forgets the named devices' actions in the file too, not only in memory", () => {
    const path = file();
    const before = openSqliteStore(path);
    before.actions.put(action('x1', 'a', 10, 'done'));
    before.actions.put(action('x2', 'b', 11, 'done'));
    before.actions.put(action('x3', 'c', 12, 'done'));
    before.actions.removeFor(new Set(['a', 'b']));
    before.close();

    const after = openSqliteStore(path);
    expect(after.actions.list().map((a) => a.id)).toEqual(['x3']);
    expect(after.actions.latestFor('a')).toBeUndefined();
    after.close();
  });

  it("keeps each row's indexed columns as its record says, whether a put changes only its state or more", () => {
    const path = file();
    const store = openSqliteStore(path);
    store.actions.put(action('x1', 'a', 10));
    store.actions.put({ ...action('x1', 'a', 10, 'done'), updatedAt: 15 });
    store.commands.enqueue(command('c1', 'a'));
    store.commands.update(command('c1', 'a', true));
    store.close();
    const columns = (where: string) => {
      const db = new Database(where, { readonly: true });
      const row = {
        action: db.prepare('SELECT device_id, requested_at, updated_at, final FROM actions').get(),
        command: db.prepare("SELECT device_id, json_extract(body, '$.sent') AS sent FROM commands").get(),
      };
      db.close();
      return row;
    };
    expect(columns(path)).toEqual({
      action: { device_id: 'a', requested_at: 10, updated_at: 15, final: 1 },
      command: { device_id: 'a', sent: 1 },
    });

    // A record rewritten under another request time, then another device (nothing in mdmsim does it; the store allows
    // it), and a stored record changed in place and put again: the file follows each.
    const again = openSqliteStore(path);
    again.actions.put(action('x1', 'a', 20, 'failed'));
    again.close();
    expect(columns(path).action).toEqual({ device_id: 'a', requested_at: 20, updated_at: 20, final: 1 });
    const third = openSqliteStore(path);
    third.actions.put(action('x1', 'b', 20, 'failed'));
    third.commands.update(command('c1', 'b', true));
    third.close();
    expect(columns(path)).toEqual({
      action: { device_id: 'b', requested_at: 20, updated_at: 20, final: 1 },
      command: { device_id: 'b', sent: 1 },
    });
    const fourth = openSqliteStore(path);
    const kept = fourth.actions.get('x1') as ActionRecord;
    kept.deviceId = 'c';
    fourth.actions.put(kept);
    const keptCommand = fourth.commands.get('c1') as QueuedCommand;
    keptCommand.deviceId = 'c';
    fourth.commands.update(keptCommand);
    fourth.close();
    expect(columns(path)).toMatchObject({ action: { device_id: 'c' }, command: { device_id: 'c' } });
  });

  it('commits all of a transaction or nothing', () => {
    const path = file();
    const store = openSqliteStore(path);
    expect(() =>
      store.transaction(() => {
        store.actions.put(action('x1', 'a', 10));
        throw new Error('killed between the action and its command');
      }),
    ).toThrow(/killed/);
    expect(store.actions.get('x1')).toBeUndefined();
    store.close();
  });

  it('keeps one row per device however many states it reports (the latest snapshot, not a log)', () => {
    const path = file();
    const store = openSqliteStore(path);
    for (let i = 0; i < 50; i++) store.devices.put({ ...device('a'), lastSyncAt: i });
    store.close();
    const db = new Database(path);
    expect(db.prepare('SELECT COUNT(*) AS n FROM devices').get()).toEqual({ n: 1 });
    db.close();
  });

  it('continues from the latest time it recorded, never earlier', () => {
    const path = file();
    const before = openSqliteStore(path);
    before.time.save(500);
    before.actions.put({ ...action('x1', 'a', 10), updatedAt: 900 });
    before.close();
    const after = openSqliteStore(path);
    expect(after.time.load()).toBe(900);
    after.close();
  });

  it('prunes finished actions older than the retention, but keeps every device its latest', () => {
    const path = file();
    const before = openSqliteStore(path);
    before.actions.put(action('old-done', 'a', 10, 'done'));
    before.actions.put(action('old-pending', 'a', 11));
    before.actions.put(action('b-latest', 'b', 12, 'failed'));
    before.time.save(10_000);
    before.close();
    const after = openSqliteStore(path, { actionRetentionMs: 1_000 });
    expect(after.actions.list().map((a) => a.id)).toEqual(['old-pending', 'b-latest']);
    after.close();
  });

  it('does not bring back a removed device', () => {
    const path = file();
    const before = openSqliteStore(path);
    before.devices.put(device('a'));
    before.devices.put(device('b'));
    before.devices.remove('a');
    before.close();
    const after = openSqliteStore(path);
    expect(after.devices.list().map((d) => d.id)).toEqual(['b']);
    after.close();
  });

  it('refuses a damaged row with an error naming the file, the table and the row', () => {
    const path = file();
    const store = openSqliteStore(path);

    store.devices.put(device('a'));
    store.close();
    const db = new Database(path);
    db.prepare("UPDATE devices SET body = 'null' WHERE id = 'a'").run();
    db.close();
    expect(() => openSqliteStore(path)).toThrow(
      new RegExp(`The store file ${path.replace(/[.]/g, '[.]')}, table devices, row "a" is damaged`),
    );
  });
});

describe('SQLite store and its file', () => {
  it('opens a file written before rows were placed by the store (rowids from 1 in each table) and carries on', async () => {
    const path = file();
    const db = new Database(path);
    // The tables as the store makes them, filled as the store used to fill them: SQLite picking each rowid.
    db.exec(`
      CREATE TABLE devices (id TEXT PRIMARY KEY, body TEXT NOT NULL);
      CREATE TABLE actions (id TEXT PRIMARY KEY, device_id TEXT NOT NULL, requested_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL, final INTEGER NOT NULL, body TEXT NOT NULL);`);
    for (const id of ['a', 'b'])
      db.prepare('INSERT INTO devices (id, body) VALUES (?, ?)').run(id, JSON.stringify(device(id)));
    db.prepare(
      'INSERT INTO actions (id, device_id, requested_at, updated_at, final, body) VALUES (?, ?, ?, ?, ?, ?)',
    ).run('x1', 'a', 10, 10, 1, JSON.stringify(action('x1', 'a', 10, 'done')));
    db.close();

    const store = openSqliteStore(path);
    expect(store.devices.ids().map((id) => store.devices.sequenceOf(id))).toEqual([1, 2]);
    expect(store.actions.sequenceOf('x1')).toBe(1);
    store.devices.put({ ...device('a'), fleet: 'changed' });
    store.devices.put(device('c'));
    store.actions.put(action('x2', 'c', 11));
    await store.committed();
    const c = store.devices.sequenceOf('c');
    const x2 = store.actions.sequenceOf('x2');
    expect(c).toBe(3);
    expect(x2).toBe(4);
    store.close();
    const again = openSqliteStore(path);
    expect(again.devices.get('a')?.fleet).toBe('changed');
    expect([again.devices.sequenceOf('c'), again.actions.sequenceOf('x2')]).toEqual([c, x2]);
    again.close();
  });

  it('refuses a change the file no longer matches (another writer beside it) and goes on from what the file holds', async () => {
    const path = file();
    const store = openSqliteStore(path);
    store.devices.put(device('a'));
    store.devices.put(device('b'));
    await store.committed();
    // A shell deletes a device's row and puts one of its own in its place (the same rowid).
    const shell = new Database(path);
    shell.prepare("DELETE FROM devices WHERE id = 'a'").run();
    shell
      .prepare('INSERT INTO devices (rowid, id, body) VALUES (1, ?, ?)')
      .run('shell', JSON.stringify(device('shell')));
    shell.close();

    // Its write by rowid finds another device's row: refused, neither written over it nor lost in silence; the store
    // now knows what the file holds.
    expect(() => store.devices.put({ ...device('a'), fleet: 'changed' })).toThrow(/changed under the server/);
    expect(store.devices.get('a')).toBeUndefined();
    expect(store.devices.get('shell')).toBeDefined();
    // So the next changes work: 'a' is new again and comes last, after 'b'.
    store.devices.put(device('a'));
    store.devices.put(device('d'));
    await store.committed();
    store.close();
    const after = openSqliteStore(path);
    expect(after.devices.ids()).toEqual(['shell', 'b', 'a', 'd']);
    expect(after.devices.get('shell')?.id).toBe('shell');
    after.close();
  });

  it('refuses a new row whose rowid another writer took, then takes the next', async () => {
    const path = file();
    const store = openSqliteStore(path);
    store.devices.put(device('a'));
    await store.committed();
    const shell = new Database(path);
    shell
      .prepare('INSERT INTO devices (id, body) VALUES (?, ?)')
      .run('shell', JSON.stringify(device('shell')));
    shell.close();
    expect(() => store.devices.put(device('b'))).toThrow(/UNIQUE constraint failed/);
    store.devices.put(device('b'));
    await store.committed();
    expect(store.devices.ids()).toEqual(['a', 'shell', 'b']);
    store.close();
  });

  it("refuses to open a row whose key is not its record's own", () => {
    const path = file();
    const store = openSqliteStore(path);
    store.devices.put(device('a'));
    store.close();
    const db = new Database(path);
    db.prepare("UPDATE devices SET id = 'other' WHERE id = 'a'").run();
    db.close();
    expect(() => openSqliteStore(path)).toThrow(/table devices, row "other" holds the record of "a"/);
  });
});

describe('old JSON-lines journals', () => {
  const lines = (...entries: unknown[]) => entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');

  it('are moved into SQLite once (a torn last line skipped) and kept aside', () => {
    const path = file('jsonl');
    writeFileSync(
      path,
      `${lines(
        { t: 'device', v: device('a') },
        { t: 'action', v: action('x1', 'a', 10, 'active') },
        { t: 'command', v: command('c1', 'a', true) },
      )}{"t":"device","v":{"id":`,
    );
    const store = openStore({ kind: 'sqlite', path });
    expect(store.devices.get('a')?.connected).toBe(false);
    expect(store.actions.get('x1')?.state).toBe('pending');
    expect(store.commands.pendingFor('a')).toEqual([command('c1', 'a', false)]);
    store.close();
    expect(existsSync(`${path}.journal-migrated`)).toBe(true);
    const again = openStore({ kind: 'sqlite', path });
    expect(again.devices.count()).toBe(1);
    again.close();
  });

  it('are left as they were when the move fails (the new file full), so the next start moves them again', () => {
    const path = file('jsonl');
    const text = lines(...Array.from({ length: 50 }, (_, i) => ({ t: 'device', v: device(`d${i}`) })));
    writeFileSync(path, text);
    // A store that cannot grow by a page refuses the move part way through.
    expect(() => openStore({ kind: 'sqlite', path, maxPageCount: 8 })).toThrow(/full/i);
    expect(readFileSync(path, 'utf8')).toBe(text);
    for (const left of ['.journal-migrated', '-wal', '-shm'])
      expect(existsSync(`${path}${left}`)).toBe(false);
    const store = openStore({ kind: 'sqlite', path });
    expect(store.devices.count()).toBe(50);
    store.close();
  });

  it.each([
    ['a null line', 'null\n'],
    ['an entry missing fields', lines({ t: 'action', v: {} })],
    ['an unknown entry type', lines({ t: 'teleport', v: 1 })],
    ['corruption before the last line', `not json\n${lines({ t: 'device', v: device('b') })}`],
    // A last line that ends with its newline was written whole: not JSON there is damage, not a torn write.
    ['a text file of one whole line', 'my notes, not a store\n'],
    ['a bad last line written whole', `${lines({ t: 'device', v: device('b') })}not json\n`],
  ])('refuse %s with an error naming the line, and leave the file as it was', (_what, text) => {
    const path = file('jsonl');
    writeFileSync(path, text);
    expect(() => openStore({ kind: 'sqlite', path })).toThrow(
      /journal .*store-\d+\.jsonl is damaged: line \d/,
    );
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(existsSync(`${path}.journal-migrated`)).toBe(false);
  });

  it('take a journal whose only line is the torn start of an entry as an empty one', () => {
    const path = file('jsonl');
    writeFileSync(path, '{"t":"device","v":{"id":"a","fle');
    const store = openStore({ kind: 'sqlite', path });
    expect(store.devices.count()).toBe(0);
    store.close();
    expect(existsSync(`${path}.journal-migrated`)).toBe(true);
  });

  it('refuse a file in which no line is an entry (one torn line), rather than start an empty store in its place', () => {
    const path = file('jsonl');
    writeFileSync(path, 'my notes');
    expect(() => openStore({ kind: 'sqlite', path })).toThrow(/no line is a journal entry/);
    expect(readFileSync(path, 'utf8')).toBe('my notes');
    expect(existsSync(`${path}.journal-migrated`)).toBe(false);
  });
});
