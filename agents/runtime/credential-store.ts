// Each fleet's device credentials on disk, next to its key and lockouts: a phone keeps its passcode (and a work profile
// its activated reset token) across a restart, so a restarted agents process must not give a device back the passcode
// its fleet file started it with. A journal of one line per change, so that a fleet-wide reset costs each device one
// small append, not a rewrite of the whole file.
import { closeSync, fdatasyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { oncePerKindOfFailure, removeStaleTempFiles, writeWholeFile } from '../../lib/durable-file.js';
import { sha256Hex } from '../../lib/sha256.js';
import type { DeviceSpec } from '../fleet/fleet-spec.js';

/** A device's lock as it stands after a change since its fleet file entry started it. */
export interface KeptCredential {
  /** The passcode the device has now (null: none): from the admin's reset or removal, or the user's own choice. */
  passcode: string | null;
  /** Android work profile: the passcode reset token is active. */
  resetTokenActive: boolean;
  /** Android work profile: after a reset, the user must choose a new passcode once unlocked with the temporary one. */
  mustChangePasscode: boolean;
  /**
   * iOS: when the passcode requirement's 60 minutes end (simulated ms), while a passcode is owed; null otherwise. A
   * restart goes on counting down to it, as a phone's deadline does not start over (absent in older journals: null).
   */
  passcodeDeadline?: number | null;
}

const KeptCredentialSchema = z.strictObject({
  passcode: z.string().min(1).max(1_024).nullable(),
  resetTokenActive: z.boolean(),
  mustChangePasscode: z.boolean(),
  passcodeDeadline: z.number().int().nonnegative().nullable().optional(),
});

const KeptCredentialLine = z.strictObject({
  device: z.string().min(1).max(64),
  /** The fleet file entry the device started from (`entryFingerprintOf`): a line for another entry is not restored. */
  entry: z.string().min(1).max(64),
  /** null: the device is back as its fleet file entry started it (the simulator's reset). */
  credential: KeptCredentialSchema.nullable(),
});

interface KeptLine {
  entry: string;
  credential: KeptCredential;
}

/** The journal is rewritten whole, to one line per kept device, once the lines appended since outnumber those by this many. */
const COMPACT_AFTER_LINES = 20_000;
/** Lines written since the last flush are flushed to disk this long after the first of them (a group commit). */
const FLUSH_DELAY_MS = 50;
/** After a failed write, the journal is not rewritten again before this long: one full disk, one attempt per 5 s. */
const RETRY_AFTER_MS = 5_000;

/** Where a fleet's credentials are kept in a data folder: `<dataDir>/agents/<fleet>.credentials.jsonl`. */
export function credentialFileOf(dataDir: string, fleetName: string): string {
  return join(dataDir, 'agents', `${encodeURIComponent(fleetName)}.credentials.jsonl`);
}

/**
 * What a fleet file entry says of a device's lock: a kept credential applies only while these stay the same, so an
 * edited entry (or a device id that now falls to another entry) starts from the fleet file again.
 */
export function entryFingerprintOf(
  entry: Pick<DeviceSpec, 'enrollment' | 'osVersion' | 'passcode' | 'policy' | 'resetTokenActivated'>,
): string {
  const { enrollment, osVersion, passcode, policy, resetTokenActivated } = entry;
  return sha256Hex(JSON.stringify([enrollment, osVersion, passcode, policy, resetTokenActivated])).slice(
    0,
    32,
  );
}

export interface CredentialStore {
  /** The device's kept credential, if it was kept for the same fleet file entry (else forgotten, and counted). */
  get(deviceId: string, entry: string): KeptCredential | undefined;
  /**
   * Keeps the device's credential (null: forgets it, the device being back at its fleet file entry). The line is in
   * the file before this returns, so a killed agents process loses nothing; it is flushed to disk about 50 ms later.
   */
  set(deviceId: string, entry: string, credential: KeptCredential | null): void;
  /** How many devices' kept credentials `get` left out because their fleet file entry changed. */
  readonly forgottenForChangedEntries: number;
  /** Flushes the journal to disk and closes it; later changes are kept in memory only. */
  close(): void;
}

/**
 * Reads the fleet's kept credentials (none when the file does not exist yet) and rewrites the file to one line per
 * device; a file that cannot be read or holds an invalid line is a fatal error, but for a last line cut short (a power
 * cut during its write), which is left out. A failed write later is logged once per kind of failure and the credential
 * kept in memory; the file is rewritten whole from memory at the next change 5 s on, so the failure loses nothing that
 * the process still holds. One full disk must not take the whole fleet offline.
 */
export function openCredentialStore(file: string, logger?: Pick<Logger, 'error' | 'warn'>): CredentialStore {
  const kept = readJournal(file, logger);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  removeStaleTempFiles(file);
  let descriptor: number | undefined;
  let linesSinceCompaction = 0;
  let flushTimer: NodeJS.Timeout | undefined;
  let retryAt = 0;
  let closed = false;
  let forgottenForChangedEntries = 0;
  let tooLargeLogged = false;
  const logWriteFailure = oncePerKindOfFailure(
    file,
    logger,
    'cannot write the credential file: passcodes and reset tokens are kept in memory, and written whole once it can be',
  );
  const failed = (error: unknown) => {
    retryAt = Date.now() + RETRY_AFTER_MS;
    logWriteFailure(error);
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
    writeWholeFile(
      file,
      [...kept].map(([device, line]) => lineOf(device, line.entry, line.credential)).join(''),
    );
    descriptor = openSync(file, 'a', 0o600);
    linesSinceCompaction = 0;
  };
  /** Appends one line whole, or fails: a short write (a full disk) leaves the journal to be rewritten whole. */
  const append = (line: string) => {
    const open = descriptor as number;
    const bytes = Buffer.from(line);
    try {
      if (writeSync(open, bytes) !== bytes.length) {
        throw Object.assign(new Error('The disk took only part of a line.'), { code: 'ESHORTWRITE' });
      }
    } catch (error) {
      descriptor = undefined;
      closeSync(open);
      throw error;
    }
    linesSinceCompaction++;
    flushTimer ??= setTimeout(flush, FLUSH_DELAY_MS).unref();
  };

  /** Writes a change of `kept`: appended, or the whole journal when it has grown or a failure left it to rewrite. */
  const write = (deviceId: string, entry: string, credential: KeptCredential | null) => {
    if (closed) return;
    try {
      if (descriptor === undefined) {
        if (Date.now() >= retryAt) compact();
        return;
      }
      if (linesSinceCompaction >= COMPACT_AFTER_LINES + kept.size) compact();
      else append(lineOf(deviceId, entry, credential));
    } catch (error) {
      failed(error);
    }
  };

  try {
    compact();
  } catch (error) {
    failed(error);
  }
  return {
    get(deviceId, entry) {
      const line = kept.get(deviceId);
      if (line === undefined || line.entry === entry) return line?.credential;
      kept.delete(deviceId);
      forgottenForChangedEntries++;
      write(deviceId, entry, null);
      return undefined;
    },
    set(deviceId, entry, credential) {
      if (credential !== null && !KeptCredentialSchema.safeParse(credential).success) {
        // Nothing a reopened store would refuse is written (a passcode over 1,024 characters): the device forgets.
        if (!tooLargeLogged) {
          tooLargeLogged = true;
          logger?.warn(
            { file, deviceId },
            'a passcode too long to keep (over 1,024 characters): a restart starts this device from its fleet file',
          );
        }
        credential = null;
      }
      if (credential === null) {
        if (!kept.delete(deviceId)) return;
      } else {
        kept.set(deviceId, { entry, credential });
      }
      write(deviceId, entry, credential);
    },
    get forgottenForChangedEntries() {
      return forgottenForChangedEntries;
    },
    close() {
      closed = true;
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

function lineOf(device: string, entry: string, credential: KeptCredential | null): string {
  return `${JSON.stringify({ device, entry, credential })}\n`;
}

function readJournal(file: string, logger?: Pick<Logger, 'warn'>): Map<string, KeptLine> {
  const kept = new Map<string, KeptLine>();
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
    const { device, entry, credential } = result.data;
    if (credential === null) kept.delete(device);
    else kept.set(device, { entry, credential });
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
