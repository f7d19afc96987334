// Each fleet's passcode lockouts on disk, next to its device key: a phone keeps its failure count and lockout across
// reboots, so a restarted agents process must not hand a brute-forcer fresh attempts.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { DeviceLockout } from './emulated-device.js';

const KeptLockouts = z.record(
  z.string().min(1).max(64),
  z.strictObject({
    failedAttempts: z.number().int().min(0).max(1_000),
    lockout: z.string().max(200).nullable(),
    lockoutMs: z.number().int().min(0).nullable(),
  }),
);

/** Where a fleet's lockouts are kept in a data folder: `<dataDir>/agents/<fleet>.lockouts.json`. */
export function lockoutFileOf(dataDir: string, fleetName: string): string {
  return join(dataDir, 'agents', `${encodeURIComponent(fleetName)}.lockouts.json`);
}

export interface LockoutStore {
  get(deviceId: string): DeviceLockout | undefined;
  /** Keeps the device's count and lockout; written before the refusal reaches anyone, as a phone does. */
  set(deviceId: string, lockout: DeviceLockout): void;
}

/** Reads the fleet's kept lockouts (none when the file does not exist yet); an unreadable file is a fatal error. */
export function openLockoutStore(file: string): LockoutStore {
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`Cannot read the lockout file ${file}: ${(error as Error).message}`);
    }
  }
  const kept = new Map<string, DeviceLockout>();
  if (text !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`The lockout file ${file} is not JSON.`);
    }
    const result = KeptLockouts.safeParse(parsed);
    if (!result.success)
      throw new Error(`The lockout file ${file} is not valid: ${z.prettifyError(result.error)}`);
    for (const [deviceId, lockout] of Object.entries(result.data)) kept.set(deviceId, lockout);
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  return {
    get: (deviceId) => kept.get(deviceId),
    set(deviceId, lockout) {
      if (lockout.failedAttempts === 0 && lockout.lockout === null) kept.delete(deviceId);
      else kept.set(deviceId, lockout);
      // Written whole and renamed into place, so a kill mid-write leaves the previous file, never half of one.
      const next = `${file}.next`;
      writeFileSync(next, JSON.stringify(Object.fromEntries(kept)), { mode: 0o600 });
      renameSync(next, file);
    },
  };
}
