// Regression: the SQLite store commits a turn's changes together, and no answer leaves before its changes are on disk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { afterAll, expect, it } from 'vitest';
import { openSqliteStore } from '../../../server/store/sqlite-store.js';
import storePlugin from '../../../server/store/store-plugin.js';
import { deviceRecord } from '../../support/device-record.js';

const folder = mkdtempSync(join(tmpdir(), 'mdmsim-group-commit-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** What another process reading the file would find: the committed devices only. */
const committedDeviceIds = (path: string): string[] => {
  const reader = new Database(path, { readonly: true });
  try {
    return (reader.prepare('SELECT id FROM devices ORDER BY id').all() as Array<{ id: string }>).map(
      (r) => r.id,
    );
  } finally {
    reader.close();
  }
};

it('commits the changes of one turn together, and says when they are durable', async () => {
  const path = join(folder, 'turn.db');
  const store = openSqliteStore(path);
  expect(store.committed()).toBeUndefined();
  store.devices.put(deviceRecord('a'));
  store.transaction(() => store.devices.put(deviceRecord('b')));
  // Same connection: the open batch is visible; another reader sees it only once committed.
  expect(store.devices.list().map((d) => d.id)).toEqual(['a', 'b']);
  expect(committedDeviceIds(path)).toEqual([]);
  const committed = store.committed();
  expect(committed).toBeInstanceOf(Promise);
  await committed;
  expect(committedDeviceIds(path)).toEqual(['a', 'b']);
  expect(store.committed()).toBeUndefined();
  store.devices.put(deviceRecord('c'));
  store.close();
  expect(committedDeviceIds(path)).toEqual(['a', 'b', 'c']);
});

it('keeps a failed transaction out of the batch and commits the rest', async () => {
  const path = join(folder, 'failed.db');
  const store = openSqliteStore(path);
  store.devices.put(deviceRecord('kept'));
  expect(() =>
    store.transaction(() => {
      store.devices.put(deviceRecord('undone'));
      throw new Error('dies mid-change');
    }),
  ).toThrow('dies mid-change');
  await store.committed();
  expect(committedDeviceIds(path)).toEqual(['kept']);
  store.close();
});

it('answers a request only after the changes it made are committed', async () => {
  const path = join(folder, 'answer.db');
  const app = Fastify();
  await app.register(storePlugin, { location: { kind: 'sqlite', path } });
  app.post('/devices/:id', async (request, reply) => {
    app.store.devices.put(deviceRecord((request.params as { id: string }).id));
    return reply.code(204).send();
  });
  // Runs as the answer leaves, after the store's own hook: what is on disk at that moment.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-on-disk', committedDeviceIds(path).join(','));
    return payload;
  });
  const response = await app.inject({ method: 'POST', url: '/devices/d1' });
  expect(response.statusCode).toBe(204);
  expect(response.headers['x-on-disk']).toBe('d1');
  await app.close();
});
