// A build's stamp: the revision it was compiled from, and a fingerprint of the compiled code it was written beside, so
// a build compiled again after its stamp (by hand, or in part) is known not to be that revision any more.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The stamp's file, at the top of the build. */
export const BUILD_INFO_FILE = 'build-info.json';

/** The folders tsc compiles (tsconfig.build.json's `include`): the code a stamp vouches for. */
export const COMPILED_FOLDERS = ['shared', 'lib', 'server', 'agents', 'runner', 'bench', 'cli'] as const;

/** SHA-256 over every compiled file's path and content, in path order. */
export function buildFingerprint(buildRoot: string): string {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) files.push(path);
    }
  };
  for (const folder of COMPILED_FOLDERS) {
    try {
      walk(join(buildRoot, folder));
    } catch {
      // A folder the build does not have counts as empty.
    }
  }
  const hash = createHash('sha256');
  for (const file of files.map((path) => relative(buildRoot, path).split(sep).join('/')).sort()) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(buildRoot, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

/** Writes the stamp of the build at `buildRoot`: `revision` (null when unknown) and the build's fingerprint. */
export function writeBuildStamp(buildRoot: string, revision: string | null): void {
  const stamp = { revision, fingerprint: buildFingerprint(buildRoot) };
  writeFileSync(join(buildRoot, BUILD_INFO_FILE), `${JSON.stringify(stamp)}\n`);
}

/**
 * The revision the build at `buildRoot` was compiled from, or null: no stamp, a stamp without a revision, or compiled
 * code that is no longer what the stamp was written beside.
 */
export function stampedRevision(buildRoot: string): string | null {
  try {
    const stamp = JSON.parse(readFileSync(join(buildRoot, BUILD_INFO_FILE), 'utf8')) as {
      revision?: unknown;
      fingerprint?: unknown;
    };
    if (typeof stamp.revision !== 'string' || stamp.fingerprint !== buildFingerprint(buildRoot)) return null;
    return stamp.revision;
  } catch {
    return null;
  }
}
