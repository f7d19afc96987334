// The server's data folder holds private keys (the local CA's, the token signing key): private, and kept out of git.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the folder's own .gitignore says: ignore everything here, this file included. */
export const DATA_DIR_GITIGNORE =
  '# Made by mdmsim: this folder holds private keys (tls/ca-key.pem). Never commit it.\n*\n';

/**
 * Makes the data folder (owner-only) if it is missing, with a `.gitignore` of `*` in it, so a server started in a
 * project never offers its CA key to `git add`. A .gitignore already there is the user's: left as it is.
 */
export async function ensureDataDir(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(join(dataDir, '.gitignore'), DATA_DIR_GITIGNORE, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
