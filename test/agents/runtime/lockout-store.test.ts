// The lockout file's failure paths: a write that cannot finish leaves no temp file behind and throws nothing, and a
// corrupt file says how to recover.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLockoutStore } from '../../../agents/runtime/lockout-store.js';

const folder = mkdtempSync(join(tmpdir(), 'mdmsim-lockout-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the lockout store', () => {
  it('keeps the lockout in memory, logs once per kind of failure and removes its temp file when the rename fails', () => {
    const file = join(folder, 'rename-fails', 'fleet.lockouts.json');
    const errors: unknown[] = [];
    const store = openLockoutStore(file, { error: (...args: unknown[]) => errors.push(args) } as never);
    // The file's place is taken by a folder that is not empty: the temp file is written, its rename fails.
    mkdirSync(join(file, 'occupied'), { recursive: true });
    const lockout = { failedAttempts: 5, lockout: 'iPhone Unavailable', lockoutMs: 60_000 };
    expect(() => store.set('device-1', lockout)).not.toThrow();
    expect(() => store.set('device-1', { ...lockout, failedAttempts: 6 })).not.toThrow();
    expect(store.get('device-1')?.failedAttempts).toBe(6);
    expect(errors).toHaveLength(1);
    expect(readdirSync(join(folder, 'rename-fails'))).toEqual(['fleet.lockouts.json']);
  });

  it('refuses a corrupt file and says to delete it', () => {
    const file = join(folder, 'corrupt.lockouts.json');
    writeFileSync(file, '{"device-1": {"failedAttempts": 5,');
    expect(() => openLockoutStore(file)).toThrow(/is not JSON\. Delete it to forget/);
  });
});
