// Regression: when SQLite cannot commit (its own page limit: SQLITE_FULL), nothing reaches a device, the failure is
// logged at error with the file and code only, and an answer waiting on it is Graph's 500 body, not SQLite's error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { afterAll, expect, it, onTestFinished } from 'vitest';
import { ControllableClock } from '../../../lib/controllable-clock.js';
import { DeviceSessions, type SessionSocket } from '../../../server/gateway/device-sessions.js';
import { beginSession, endSession } from '../../../server/gateway/session-lifecycle.js';
import { AuditedRemoteActions } from '../../../server/services/audited-remote-actions.js';
import { DeviceRegistry } from '../../../server/services/device-registry.js';
import { RemoteActions } from '../../../server/services/remote-actions.js';
import { SimulationEvents } from '../../../server/services/simulation-events.js';
import { SimulationReset } from '../../../server/services/simulation-reset.js';
import { openSqliteStore } from '../../../server/store/sqlite-store.js';
import type { Store } from '../../../server/store/store.js';
import storePlugin, { openStore } from '../../../server/store/store-plugin.js';
import type { ServerMessage } from '../../../shared/protocol.js';
import { deviceRecord } from '../../support/device-record.js';

const folder = mkdtempSync(join(tmpdir(), 'mdmsim-failed-commit-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const DEVICE_ID = '00000000-0000-4000-8000-0000000000f1';
const SECRET_NAME = 'row-content-never-logged';

/** A store file holding one enrolled device; reopened with maxPageCount 1 it cannot grow by a single page. */
const storeFileWithDevice = (name: string): string => {
  const path = join(folder, name);
  const store = openSqliteStore(path);
  store.devices.put(deviceRecord(DEVICE_ID));
  store.close();
  return path;
};

/** A change that needs new pages: SQLite refuses it with SQLITE_FULL and rolls the whole open batch back. */
const growingDevice = () => {
  const record = deviceRecord('00000000-0000-4000-8000-0000000000f2');
  return { ...record, inventory: { ...record.inventory, deviceName: SECRET_NAME.repeat(20_000) } };
};

/** Loses the store's open batch as a full disk does: one more change of it needs a page the file may not have. */
async function loseOpenBatch(store: Store): Promise<void> {
  expect(() => store.devices.put(growingDevice())).toThrow(/full/i);
  await expect(store.committed()).rejects.toMatchObject({ code: 'SQLITE_FULL' });
}

class RecordingSocket implements SessionSocket {
  readonly frames: ServerMessage[] = [];
  readonly bufferedAmount = 0;
  private readonly arrived: Array<() => void> = [];
  send(data: string): void {
    this.frames.push(JSON.parse(data) as ServerMessage);
    for (const wake of this.arrived.splice(0)) wake();
  }
  close(): void {}
  terminate(): void {}
  once(): unknown {
    return this;
  }
  commandIds(): string[] {
    return this.frames.flatMap((frame) => (frame.type === 'command' ? [frame.commandId] : []));
  }
  /** Resolves once `count` command frames have arrived. */
  commands(count: number): Promise<void> {
    return new Promise((resolve) => {
      const look = () => (this.commandIds().length >= count ? resolve() : this.arrived.push(look));
      look();
    });
  }
}

/**
 * The core services as the server builds them, over a store file holding one device: by default a full one
 * (maxPageCount 1: any change needing a page is refused); `log` receives the store's and the actions' errors.
 */
function coreOnStoreFile(
  name: string,
  log?: { error(details: object, message: string): void },
  store: { maxPageCount?: number; busyTimeoutMs?: number } = { maxPageCount: 1 },
) {
  const path = storeFileWithDevice(name);
  const opened = openStore({ kind: 'sqlite', path, ...store }, log);
  const clock = new ControllableClock({ now: 1_700_000_000_000, speed: 0 });
  const events = new SimulationEvents();
  const sessions = new DeviceSessions(1_000);
  const registry = new DeviceRegistry(opened, events, clock, 'ab'.repeat(32));
  const actions = new RemoteActions(opened, events, clock, sessions, {
    supportEdition: '2018-03',
    notNowRetryMs: 60_000,
    passcodeRetentionMs: 7 * 24 * 3600_000,
    ...(log ? { log } : {}),
    storeRetryMs: 10,
  });
  const close = () => {
    clock.stop();
    opened.close();
  };
  return { path, store: opened, clock, events, sessions, registry, actions, close };
}

it('sends no command whose action did not commit, and logs the failed commit at error without row content', async () => {
  const errors: Array<{ details: object; message: string }> = [];
  const { path, store, sessions, registry, actions, close } = coreOnStoreFile('core.db', {
    error: (details, message) => errors.push({ details, message }),
  });
  const socket = new RecordingSocket();
  beginSession(sessions, { registry, actions }, DEVICE_ID, socket);
  await store.committed();

  // One batch: the reset fits in the file, the next change of the same batch does not, and SQLite undoes both.
  expect(actions.resetPasscode(DEVICE_ID, 'admin@example.com').kind).toBe('accepted');
  await loseOpenBatch(store);
  await Promise.resolve();

  expect(socket.commandIds()).toEqual([]);
  expect(store.actions.latestFor(DEVICE_ID)).toBeUndefined();
  expect(errors).toHaveLength(1);
  expect(errors[0]?.details).toEqual({ storeFile: path, code: 'SQLITE_FULL' });
  expect(JSON.stringify(errors)).not.toContain(SECRET_NAME);

  // The store carries on: the next batch commits, and the command goes out once it has.
  expect(actions.resetPasscode(DEVICE_ID, 'admin@example.com').kind).toBe('accepted');
  expect(socket.commandIds()).toEqual([]);
  await store.committed();
  await Promise.resolve();
  expect(socket.commandIds()).toHaveLength(1);
  close();
});

it("answers Graph's 500 body, not SQLite's error, when the request's changes did not commit", async () => {
  const path = storeFileWithDevice('answer.db');
  const app = Fastify();
  await app.register(storePlugin, { location: { kind: 'sqlite', path, maxPageCount: 1 } });
  app.post('/grow', async (_request, reply) => {
    app.store.devices.put(deviceRecord(DEVICE_ID, { fleet: 'changed' }));
    try {
      app.store.devices.put(growingDevice());
    } catch {
      // What a handler that does not see the failure would do: answer as if all went well.
    }
    return reply.code(204).send();
  });
  const response = await app.inject({
    method: 'POST',
    url: '/grow',
    headers: { 'client-request-id': 'c-1' },
  });
  expect(response.statusCode).toBe(500);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json();
  expect(body).toEqual({
    error: {
      code: 'InternalServerError',
      message: 'An internal error occurred.',
      innerError: { 'request-id': expect.any(String), 'client-request-id': 'c-1', date: expect.any(String) },
    },
  });
  expect(response.body).not.toContain('SQLITE');
  expect(app.store.devices.get(DEVICE_ID)?.fleet).toBe('f');
  await app.close();
});

it('writes the audit line only for an accepted action that committed, with the same fields', async () => {
  const { store, actions, close } = coreOnStoreFile('audit.db');
  const lines: Array<{ details: object; message: string }> = [];
  const caller = { log: { info: (details: object, message: string) => lines.push({ details, message }) } };
  const audited = new AuditedRemoteActions(actions, caller, () => store.committed());

  expect(audited.resetPasscode(DEVICE_ID, 'admin@example.com', caller).kind).toBe('accepted');
  await loseOpenBatch(store);
  await Promise.resolve();
  expect(lines).toEqual([]);

  const outcome = audited.resetPasscode(DEVICE_ID, 'admin@example.com', caller);
  if (outcome.kind !== 'accepted') throw new Error('not accepted');
  await store.committed();
  await Promise.resolve();
  expect(lines).toEqual([
    { details: { deviceId: DEVICE_ID, actionId: outcome.action.id }, message: 'resetPasscode accepted' },
  ]);
  close();
});

it("sends no simulator 'reset' frame before the cleared actions have committed", async () => {
  const { store, clock, events, sessions, registry, actions, close } = coreOnStoreFile('reset.db');
  const simulationReset = new SimulationReset(store, events, clock, sessions, {
    startSpeed: 0,
    replyTimeoutMs: 1,
  });
  const socket = new RecordingSocket();
  beginSession(sessions, { registry, actions }, DEVICE_ID, socket);
  expect(actions.resetPasscode(DEVICE_ID, 'admin@example.com').kind).toBe('accepted');
  await store.committed();

  const outcome = simulationReset.reset([DEVICE_ID]);
  expect(() => store.devices.put(growingDevice())).toThrow(/full/i);
  await expect(outcome).rejects.toMatchObject({ code: 'SQLITE_FULL' });
  expect(socket.frames.filter((frame) => frame.type === 'reset')).toEqual([]);
  expect(store.actions.latestFor(DEVICE_ID)).toBeDefined();
  close();
});

it('sends the queued command on the current session when the batch that began it was lost', async () => {
  const { store, sessions, registry, actions, close } = coreOnStoreFile('lost-requeue.db');
  const first = new RecordingSocket();
  beginSession(sessions, { registry, actions }, DEVICE_ID, first);
  const outcome = actions.resetPasscode(DEVICE_ID, 'admin@example.com');
  await first.commands(1);
  await store.committed();

  // The device reconnects; the batch that requeued its command for the new session is lost (SQLITE_FULL), so the
  // store reads back "sent" from the file although the new session never had it.
  endSession(sessions, { registry, actions }, DEVICE_ID, first);
  const second = new RecordingSocket();
  beginSession(sessions, { registry, actions }, DEVICE_ID, second);
  await loseOpenBatch(store);
  // The session starts over a moment later (storeRetryMs), once the store takes changes again.
  await second.commands(1);

  // At-least-once: the current session gets the command, so the device's answer can finish the action.
  const [commandId] = second.commandIds();
  expect(second.commandIds()).toEqual([commandId]);
  if (commandId === undefined) throw new Error('no command');
  expect(actions.recordResult(DEVICE_ID, { commandId, status: 'Acknowledged' })).toBe('applied');
  expect(store.actions.get(outcome.kind === 'accepted' ? outcome.action.id : '')?.state).toBe('done');
  close();
});

it("sends the command again when the batch with the device's answer was lost", async () => {
  const { store, sessions, registry, actions, close } = coreOnStoreFile('lost-answer.db');
  const socket = new RecordingSocket();
  beginSession(sessions, { registry, actions }, DEVICE_ID, socket);
  const outcome = actions.resetPasscode(DEVICE_ID, 'admin@example.com');
  await socket.commands(1);
  const [commandId] = socket.commandIds();
  if (commandId === undefined) throw new Error('no command');

  // The answer is applied, then its batch is lost: the file still says the command is on the wire.
  expect(actions.recordResult(DEVICE_ID, { commandId, status: 'Acknowledged' })).toBe('applied');
  await loseOpenBatch(store);
  await socket.commands(2);

  expect(socket.commandIds()).toEqual([commandId, commandId]);
  expect(actions.recordResult(DEVICE_ID, { commandId, status: 'Acknowledged' })).toBe('applied');
  expect(store.actions.get(outcome.kind === 'accepted' ? outcome.action.id : '')?.state).toBe('done');
  close();
});

it('sends nothing while the store refuses the "sent" mark, logs it, and delivers once the store takes it again', async () => {
  const errors: Array<{ details: object; message: string }> = [];
  const { path, store, clock, sessions, registry, actions, close } = coreOnStoreFile(
    'busy.db',
    { error: (details, message) => errors.push({ details, message }) },
    { busyTimeoutMs: 20 },
  );
  const socket = new RecordingSocket();
  beginSession(sessions, { registry, actions }, DEVICE_ID, socket);
  const outcome = actions.resetPasscode(DEVICE_ID, 'admin@example.com');
  if (outcome.kind !== 'accepted') throw new Error('not accepted');
  await socket.commands(1);
  const [commandId] = socket.commandIds();
  if (commandId === undefined) throw new Error('no command');
  expect(actions.recordResult(DEVICE_ID, { commandId, status: 'NotNow' })).toBe('kept');
  await store.committed();

  // Another writer holds the file's write lock (a shell's open transaction) when the NotNow retry falls due.
  const other = new Database(path);
  other.exec('BEGIN IMMEDIATE');
  onTestFinished(() => {
    if (other.open) other.close();
  });
  clock.advance(60_000);
  expect(socket.commandIds()).toEqual([commandId]);
  expect(store.commands.get(commandId)?.sent).toBe(false);
  expect(store.actions.get(outcome.action.id)?.state).toBe('pending');
  expect(errors.map((error) => error.message)).toEqual([
    'the store refused to record a command as sent; trying again',
  ]);

  // The lock goes; the retry records the mark, then sends, so a NotNow to this copy is honoured again.
  other.exec('COMMIT');
  other.close();
  await socket.commands(2);
  expect(socket.commandIds()).toEqual([commandId, commandId]);
  expect(store.commands.get(commandId)?.sent).toBe(true);
  expect(store.actions.get(outcome.action.id)?.state).toBe('active');
  expect(actions.recordResult(DEVICE_ID, { commandId, status: 'NotNow' })).toBe('kept');
  close();
});

it('sends a command again each time the batch holding its "sent" mark is lost, so a NotNow is never stranded', async () => {
  const { store, sessions, registry, actions, close } = coreOnStoreFile('lost-marks.db');
  const socket = new RecordingSocket();
  beginSession(sessions, { registry, actions }, DEVICE_ID, socket);
  const outcome = actions.resetPasscode(DEVICE_ID, 'admin@example.com');
  if (outcome.kind !== 'accepted') throw new Error('not accepted');
  // Twice in a row, the batch holding the mark of the copy just sent is lost (another change of it needs a page).
  for (const sent of [1, 2]) {
    await socket.commands(sent);
    await loseOpenBatch(store);
    expect(store.commands.pendingFor(DEVICE_ID).map((command) => command.sent)).toEqual([false]);
  }
  await socket.commands(3);
  await store.committed();
  const [commandId] = socket.commandIds();
  if (commandId === undefined) throw new Error('no command');
  expect(new Set(socket.commandIds())).toEqual(new Set([commandId]));
  expect(store.commands.get(commandId)?.sent).toBe(true);
  expect(actions.recordResult(DEVICE_ID, { commandId, status: 'NotNow' })).toBe('kept');
  close();
});
