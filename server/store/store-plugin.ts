// Opens the store the configuration names, shares it with the services, and closes it when the app closes.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { clientRequestIdOf } from '../graph/client-request-id.js';
import { errorBody } from '../http-error.js';
import { isJournalFile, migrateJournal } from './journal-migration.js';
import { createMemoryStore } from './memory-store.js';
import { openSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
import type { Store } from './store.js';

/** Where the server keeps devices, actions and queued commands. */
export type StoreLocation =
  | { kind: 'memory' }
  /**
   * maxPageCount: SQLite's page limit, for tests that fill the store for real (SQLITE_FULL); busyTimeoutMs: how long a
   * change waits for another writer's lock (5 s by default), for tests that hold it.
   */
  | { kind: 'sqlite'; path: string; maxPageCount?: number; busyTimeoutMs?: number };

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

export function openStore(
  location: StoreLocation,
  log?: { error(details: object, message: string): void },
): Store {
  switch (location.kind) {
    case 'memory':
      return createMemoryStore();
    case 'sqlite': {
      const options: SqliteStoreOptions = {
        maxPageCount: location.maxPageCount,
        busyTimeoutMs: location.busyTimeoutMs,
        // Always at error level, with the file and SQLite's code only: never a row's content.
        onCommitFailed: (error) =>
          log?.error(
            { storeFile: location.path, code: (error as { code?: unknown }).code ?? 'unknown' },
            'store commit failed: its changes were rolled back and the in-memory copy reloaded from the file',
          ),
      };
      // A journal written by an earlier version is moved into SQLite once, and kept aside.
      if (isJournalFile(location.path))
        return migrateJournal(location.path, (path, onCommitFailed) =>
          openSqliteStore(path, onCommitFailed ? { ...options, onCommitFailed } : options),
        );
      return openSqliteStore(location.path, options);
    }
  }
}

export default fp(
  async function storePlugin(app: FastifyInstance, options: { location: StoreLocation }) {
    const store = openStore(options.location, app.log);
    app.decorate('store', store);
    // No answer leaves before the changes made for it are durable: a 204 for a reset means the action is on disk.
    // A failed commit (logged by the store) answers Graph's 500 body, never SQLite's error.
    app.addHook('onSend', (request, reply, payload, done) => {
      const committed = store.committed();
      if (!committed) return done(null, payload);
      committed.then(
        () => done(null, payload),
        () => {
          reply.code(500).header('content-type', 'application/json; charset=utf-8');
          const body = errorBody(
            'InternalServerError',
            'An internal error occurred.',
            request.id,
            clientRequestIdOf(request),
          );
          done(null, JSON.stringify(body));
        },
      );
    });
    // onClose runs after preClose, where the gateway waits for every device connection to finish its last write.
    app.addHook('onClose', async () => store.close());
  },
  { name: 'store' },
);
