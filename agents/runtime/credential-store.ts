// Each fleet's device credentials on disk, next to its key and lockouts: a phone keeps its passcode (and a work profile
// its activated reset token) across a restart, so a restarted agents process must not give a device back the passcode
// its fleet file started it with. A journal of one line per change, so that a fleet-wide reset costs each device one
// small append, not a rewrite of the whole file.
import { closeSync, fdatasyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { writeWholeFile } from '../../lib/durable-file.js';

/** A device's lock as it stands after a change since its fleet file entry started it. */
export interface KeptCredential {
  /** The passcode the device has now (null: none): from the admin's reset or removal, or the user's own choice. */
  passcode: string | null;
  /** Android work profile: the passcode reset token is active. */
  resetTokenActive: boolean;
  /** Android work profile: after a reset, the user must choose a new passcode once unlocked with the temporary one. */
  mustChangePasscode: boolean;
}

const KeptCredentialLine = z.strictObject({
  device: z.string().min(1).max(64),
  /** null: the device is back as its fleet file entry started it (the simulator's reset). */
  credential: z
    .strictObject({
      passcode: z.string().min(1).max(1_024).nullable(),
      resetTokenActive: z.boolean(),
      mustChangePasscode: z.boolean(),
    })
    .nullable(),
});

/** The journal is rewritten whole, to one line per kept device, once it has this many lines more than that. */
const COMPACT_AFTER_LINES = 20_000;
/** Lines written since the last flush reach the disk this long after the first of them (a group commit). */
const FLUSH_DELAY_MS = 50;

/** Where a fleet's credentials are kept in a data folder: `<dataDir>/agents/<fleet>.credentials.jsonl`. */
export function credentialFileOf(dataDir: string, fleetName: string): string {
  return join(dataDir, 'agents', `${encodeURIComponent(fleetName)}.credentials.jsonl`);
}

export interface CredentialStore {
  get(deviceId: string): KeptCredential | undefined;
  /**
   * Keeps the device's credential (null: forgets it, the device being back at its fleet file entry). The line is in
   * the file before this returns, so a killed agents process loses nothing; it reaches the disk within 50 ms.
   */
  set(deviceId: string, credential: KeptCredential | null): void;
  /** Flushes the journal to disk and closes it. */
  close(): void;
}

/**
 * Reads the fleet's kept credentials (none when the file does not exist yet) and rewrites the file to one line per
 * device; a file that cannot be read or holds an invalid line is a fatal error, but for a last line cut short (a power
 * cut during its write), which is left out. A failed write later is logged once per kind of failure and the credential
 * kept in memory while the process runs: one full disk must not take the whole fleet offline.
 */
export function openCredentialStore(file: string, logger?: Pick<Logger, 'error' | 'warn'>): CredentialStore {
  const kept = readJournal(file, logger);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  let descriptor: number | undefined;
  let linesSinceCompaction = 0;
  let flushTimer: NodeJS.Timeout | undefined;
  const failuresLogged = new Set<string>();

  const failed = (error: unknown) => {
    const kind = (error as NodeJS.ErrnoException).code ?? 'unknown';
    if (failuresLogged.has(kind)) return;
    failuresLogged.add(kind);
    logger?.error(
      { file, code: kind, message: (error as Error).message },
      'cannot write the credential file: passcodes and reset tokens are kept in memory only until this process stops',
    );
  };
  const closeJournal = () => {
    if (descriptor === undefined) return;
    const open = descriptor;
    descriptor = undefined;
    try {
      fdatasyncSync(open);
    } finally {
      closeSync(open);
    }
  };
  const flush = () => {
    flushTimer = undefined;
    try {
      if (descriptor !== undefined) fdatasyncSync(descriptor);
    } catch (error) {
      failed(error);
    }
  };
  /** Rewrites the journal whole, one line per kept device, and appends to it from then on. */
  const compact = () => {
    closeJournal();
    writeWholeFile(file, [...kept].map(([device, credential]) => lineOf(device, credential)).join(''));
    descriptor = openSync(file, 'a', 0o600);
    linesSinceCompaction = 0;
  };

  try {
    compact();
  } catch (error) {
    failed(error);
  }
  return {
    get: (deviceId) => kept.get(deviceId),
    set(deviceId, credential) {
      if (credential === null) {
        if (!kept.delete(deviceId)) return;
      } else {
        kept.set(deviceId, credential);
      }
      try {
        if (descriptor === undefined || linesSinceCompaction >= COMPACT_AFTER_LINES + kept.size) {
          compact();
          return;
        }
        writeSync(descriptor, lineOf(deviceId, credential));
        linesSinceCompaction++;
        flushTimer ??= setTimeout(flush, FLUSH_DELAY_MS).unref();
      } catch (error) {
        failed(error);
      }
    },
    close() {
      clearTimeout(flushTimer);
      flushTimer = undefined;
      try {
        closeJournal();
      } catch (error) {
        failed(error);
      }
    },
  };
}

function lineOf(device: string, credential: KeptCredential | null): string {
  return `${JSON.stringify({ device, credential })}\n`;
}

function readJournal(file: string, logger?: Pick<Logger, 'warn'>): Map<string, KeptCredential> {
  const kept = new Map<string, KeptCredential>();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return kept;
    throw new Error(`Cannot read the credential file ${file}: ${(error as Error).message}`);
  }
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line === '') continue;
    const result = KeptCredentialLine.safeParse(parsedOrUndefined(line));
    if (!result.success) {
      // Every whole line ends with a newline: text after the last one is a write a power cut stopped halfway.
      if (index === lines.length - 1) {
        logger?.warn({ file, line: index + 1 }, 'the credential file ends with a line cut short: left out');
        continue;
      }
      throw new Error(
        `The credential file ${file} is not valid at line ${index + 1}: ${z.prettifyError(result.error)}\nDelete it to start the fleet's devices with their fleet file passcodes again.`,
      );
    }
    const { device, credential } = result.data;
    if (credential === null) kept.delete(device);
    else kept.set(device, credential);
  }
  return kept;
}

function parsedOrUndefined(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
