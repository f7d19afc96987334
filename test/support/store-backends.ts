// The store backends the end-to-end suite runs on: memory (the default) and a fresh SQLite file per server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreLocation } from '../../server/store/store-plugin.js';

let files = 0;
const folder = mkdtempSync(join(tmpdir(), 'mdmsim-e2e-store-'));

export const storeBackends: Array<[string, () => StoreLocation]> = [
  ['memory', () => ({ kind: 'memory' })],
  ['sqlite', () => ({ kind: 'sqlite', path: join(folder, `store-${files++}.db`) })],
];
