// The stores mdmsim is measured with: how each is selected, and its scratch files removed once a run is measured.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SQLITE_FILE_SUFFIXES } from '../server/store/sqlite-store.js';

/**
 * The stores mdmsim is measured with, each the server environment that selects it (`MDMSIM_STORE_FILE` opens the
 * durable SQLite store); another backend is one more line here.
 */
export const STORES = {
  memory: (_scratchDir: string): Record<string, string> => ({}),
  sqlite: (scratchDir: string): Record<string, string> => ({
    MDMSIM_STORE_FILE: join(scratchDir, `bench-${randomBytes(3).toString('hex')}.sqlite`),
  }),
} as const;
export type StoreKind = keyof typeof STORES;

export const STORE_KINDS = Object.keys(STORES) as StoreKind[];

/**
 * Removes the files of a store `STORES` set up (the SQLite file, its WAL and shared memory), scratch once measured;
 * nothing for the memory store. A file that cannot be removed is logged, never allowed to hide the run's result.
 */
export async function removeStoreFiles(
  storeEnv: Record<string, string>,
  log: (line: string) => void = () => {},
): Promise<void> {
  const file = storeEnv.MDMSIM_STORE_FILE;
  if (file === undefined) return;
  for (const suffix of SQLITE_FILE_SUFFIXES) {
    await rm(`${file}${suffix}`, { force: true }).catch((error: unknown) =>
      log(
        `could not remove the scratch store ${file}${suffix}: ${error instanceof Error ? error.message : error}`,
      ),
    );
  }
}
