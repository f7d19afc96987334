// Each fleet's passcode lockouts on disk, next to its device key: a phone keeps its failure count and lockout across
// reboots, so a restarted agents process must not hand a brute-forcer fresh attempts.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { oncePerKindOfFailure, removeStaleTempFiles, writeWholeFile } from '../../lib/durable-file.js';
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

/**
 * Reads the fleet's kept lockouts (none when the file does not exist yet); an unreadable file is a fatal error. A
 * failed write later (full disk, read-only folder) is logged and the lockout kept in memory for as long as the
 * process runs: one refused passcode must not take the whole fleet offline.
 */
export function openLockoutStore(file: string, logger?: Pick<Logger, 'error'>): LockoutStore {
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
      throw new Error(
        `The lockout file ${file} is not JSON. Delete it to forget the fleet's passcode lockouts and failure counts.`,
      );
    }
    const result = KeptLockouts.safeParse(parsed);
    if (!result.success)
      throw new Error(
        `The lockout file ${file} is not valid: ${z.prettifyError(result.error)}\nDelete it to forget the fleet's passcode lockouts and failure counts.`,
      );
    for (const [deviceId, lockout] of Object.entries(result.data)) kept.set(deviceId, lockout);
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  removeStaleTempFiles(file);
  const writeFailed = oncePerKindOfFailure(
    file,
    logger,
    'cannot write the lockout file: lockouts are kept in memory only until this process stops',
  );
  return {
    get: (deviceId) => kept.get(deviceId),
    set(deviceId, lockout) {
      if (lockout.failedAttempts === 0 && lockout.lockout === null) kept.delete(deviceId);
      else kept.set(deviceId, lockout);
      try {
        writeWholeFile(file, JSON.stringify(Object.fromEntries(kept)));
      } catch (error) {
        writeFailed(error);
      }
    },
  };
}
