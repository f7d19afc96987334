// A power loss's torn write, done to a killed server's SQLite WAL: the tail nobody was told is durable is cut or
// garbled, or a half-written frame is left after it, and the shared-memory index (lost with the power) removed.
import {
  closeSync,
  existsSync,
  ftruncateSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { endianness } from 'node:os';

const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;

/** Where the WAL's current generation ended when a 204 arrived: everything before it is durable and answered for. */
export interface WalMark {
  /** The header's salts, which change each time SQLite restarts the WAL from its beginning. */
  salt: string;
  /** The end of the generation's last frame. */
  end: number;
}

export type TearKind = 'truncated' | 'garbled' | 'halfFrameAppended' | 'noWal';

export interface Tear {
  kind: TearKind;
  /** Bytes cut, overwritten or appended. */
  bytes: number;
}

interface WalLayout {
  salt: string;
  pageSize: number;
  /** End of the last frame of the current generation (frames carry the header's salts). */
  end: number;
}

function readLayout(fd: number, size: number): WalLayout | null {
  if (size < WAL_HEADER_BYTES) return null;
  const header = Buffer.alloc(WAL_HEADER_BYTES);
  readSync(fd, header, 0, WAL_HEADER_BYTES, 0);
  const pageSize = header.readUInt32BE(8) || 65_536;
  const salt = header.subarray(16, 24).toString('hex');
  const frameBytes = FRAME_HEADER_BYTES + pageSize;
  const frameHeader = Buffer.alloc(FRAME_HEADER_BYTES);
  let end = WAL_HEADER_BYTES;
  // Frames of older generations (left when the WAL restarted over a longer file) carry other salts.
  while (end + frameBytes <= size) {
    readSync(fd, frameHeader, 0, FRAME_HEADER_BYTES, end);
    if (frameHeader.subarray(8, 16).toString('hex') !== salt) break;
    end += frameBytes;
  }
  return { salt, pageSize, end };
}

/** The WAL's current end, taken when a 204 arrives; null while there is no WAL. */
export function walMark(walFile: string): WalMark | null {
  if (!existsSync(walFile)) return null;
  const fd = openSync(walFile, 'r');
  try {
    const layout = readLayout(fd, statSync(walFile).size);
    return layout ? { salt: layout.salt, end: layout.end } : null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Tears the WAL of a database whose process was killed, as a power loss can: only bytes written after the last
 * acknowledged point (with synchronous=FULL a 204 follows its transaction's fsync, so what precedes it is on disk).
 * When something unacknowledged follows that point it is cut at a random offset or garbled from one; otherwise a
 * half-written frame is left after the last one. SQLite must then recover to the last intact committed transaction.
 */
export function tearWalTail(databaseFile: string, acknowledged: WalMark | null, random: () => number): Tear {
  const walFile = `${databaseFile}-wal`;
  const backfilled = backfilledFrames(`${databaseFile}-shm`);
  // The wal-index lives in shared memory, which a power loss does not keep; SQLite rebuilds it from the WAL.
  rmSync(`${databaseFile}-shm`, { force: true });
  if (!existsSync(walFile)) return { kind: 'noWal', bytes: 0 };
  const fd = openSync(walFile, 'r+');
  try {
    const size = statSync(walFile).size;
    const layout = readLayout(fd, size);
    if (!layout) return { kind: 'noWal', bytes: 0 };
    // A different salt: the WAL restarted after the mark, so what the mark covered was checkpointed into the database.
    const acknowledgedEnd =
      acknowledged?.salt === layout.salt ? Math.min(acknowledged.end, layout.end) : WAL_HEADER_BYTES;
    // Frames a checkpoint already copied into the database file were synced before it copied them: no power loss
    // tears them. Tearing them anyway would leave the file's newer pages beside the WAL's older ones, a state no
    // crash can produce (half of a transaction kept), which SQLite cannot and need not recover from.
    const checkpointedEnd =
      backfilled && backfilled.salt === layout.salt
        ? Math.min(WAL_HEADER_BYTES + backfilled.frames * (FRAME_HEADER_BYTES + layout.pageSize), layout.end)
        : WAL_HEADER_BYTES;
    const durable = Math.max(acknowledgedEnd, checkpointedEnd);
    const unacknowledged = layout.end - durable;
    if (unacknowledged > 0) {
      const offset = durable + Math.floor(random() * unacknowledged);
      if (random() < 0.5) {
        ftruncateSync(fd, offset);
        return { kind: 'truncated', bytes: size - offset };
      }
      const garbage = randomBytesFrom(random, layout.end - offset);
      writeSync(fd, garbage, 0, garbage.length, offset);
      return { kind: 'garbled', bytes: garbage.length };
    }
    // Nothing unacknowledged: the write in flight at the power loss reached the disk only in part.
    const frameBytes = FRAME_HEADER_BYTES + layout.pageSize;
    const half = randomBytesFrom(random, 1 + Math.floor(random() * (frameBytes - 1)));
    if (half.length >= 16) Buffer.from(layout.salt, 'hex').copy(half, 8);
    writeSync(fd, half, 0, half.length, layout.end);
    return { kind: 'halfFrameAppended', bytes: half.length };
  } finally {
    closeSync(fd);
  }
}

/**
 * How many frames of the WAL generation with `salt` a checkpoint has copied into the database file, from the
 * wal-index a killed process leaves behind (sqlite wal.c: two 48-byte WalIndexHdr copies, whose aSalt at offset 32
 * is the WAL header's salt bytes as they are, then WalCkptInfo.nBackfill at offset 96, in native byte order).
 */
function backfilledFrames(shmFile: string): { salt: string; frames: number } | null {
  if (!existsSync(shmFile)) return null;
  const fd = openSync(shmFile, 'r');
  try {
    const header = Buffer.alloc(100);
    if (readSync(fd, header, 0, header.length, 0) < header.length) return null;
    const frames = endianness() === 'LE' ? header.readUInt32LE(96) : header.readUInt32BE(96);
    return { salt: header.subarray(32, 40).toString('hex'), frames };
  } finally {
    closeSync(fd);
  }
}

function randomBytesFrom(random: () => number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let index = 0; index < length; index++) bytes[index] = Math.floor(random() * 256);
  return bytes;
}
