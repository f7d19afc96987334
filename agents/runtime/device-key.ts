// Each fleet's device key: the root of its devices' secrets and unlock tokens, so none derives from public data.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A fresh key (32 random bytes) for a fleet whose devices need not survive this process. */
export const ephemeralDeviceKey = () => randomBytes(32).toString('base64url');

/** Where a fleet's key is kept in a data folder: `<dataDir>/agents/<fleet>.key`. */
export function deviceKeyFileOf(dataDir: string, fleetName: string): string {
  return join(dataDir, 'agents', `${encodeURIComponent(fleetName)}.key`);
}

/**
 * Reads the fleet's key from the data folder, creating it (owner-only) on first start, so a restarted agents
 * process, or a pod with the same volume, proves the same device secrets and gets its devices back.
 */
export async function loadOrCreateDeviceKey(dataDir: string, fleetName: string): Promise<string> {
  const file = deviceKeyFileOf(dataDir, fleetName);
  const existing = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw new Error(`Cannot read the device key ${file}: ${error.message}`);
    },
  );
  if (existing !== undefined) {
    if (existing.length < 16) throw new Error(`The device key ${file} is shorter than 16 characters.`);
    return existing;
  }
  const key = ephemeralDeviceKey();
  await mkdir(join(dataDir, 'agents'), { recursive: true, mode: 0o700 });
  try {
    // `wx`: two processes starting the same fleet at once keep whichever key was written first.
    await writeFile(file, `${key}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateDeviceKey(dataDir, fleetName);
    throw error;
  }
  await chmod(file, 0o600);
  return key;
}
