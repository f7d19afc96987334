// Opens the store the configuration names, shares it with the services, and closes it when the app closes.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { isJournalFile, migrateJournal } from './journal-migration.js';
import { createMemoryStore } from './memory-store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

/** Where the server keeps devices, actions and queued commands. */
export type StoreLocation = { kind: 'memory' } | { kind: 'sqlite'; path: string };

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

export function openStore(location: StoreLocation): Store {
  switch (location.kind) {
    case 'memory':
      return createMemoryStore();
    case 'sqlite':
      // A journal written by an earlier version is moved into SQLite once, and kept aside.
      if (isJournalFile(location.path)) return migrateJournal(location.path, (path) => openSqliteStore(path));
      return openSqliteStore(location.path);
  }
}

export default fp(
  async function storePlugin(app: FastifyInstance, options: { location: StoreLocation }) {
    const store = openStore(options.location);
    app.decorate('store', store);
    // No answer leaves before the changes made for it are durable: a 204 for a reset means the action is on disk.
    app.addHook('onSend', (_request, _reply, payload, done) => {
      const committed = store.committed();
      if (!committed) return done(null, payload);
      committed.then(
        () => done(null, payload),
        (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
      );
    });
    // onClose runs after preClose, where the gateway waits for every device connection to finish its last write.
    app.addHook('onClose', async () => store.close());
  },
  { name: 'store' },
);
