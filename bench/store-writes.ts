// `npx tsx bench/store-writes.ts`: what a fleet-wide Remove passcode writes to each store, replayed in-process through
// the Store API (no server, no sockets). Per action: its record written three times (pending, active, done), its command
// queued, marked sent and removed, and the device's new state, in the transactions the server uses and over three
// commits as the server spreads them (queued; sent once that commit is done; answered): `--per-commit` actions queued
// per commit (the server's group commit gathers one turn, or at least 10 ms, of them). Prints CPU per action and, on
// Linux, the bytes the process wrote per action (SQLite's WAL and its checkpoints, the last one at close included). The
// memory store's figure is mostly this replay's own work (ids, records): the floor the SQLite figure stands on. The
// stores take turns, each first in every other round.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine } from '../lib/command-line.js';
import { randomUuid } from '../lib/random-uuid.js';
import { createMemoryStore } from '../server/store/memory-store.js';
import { openSqliteStore, SQLITE_FILE_SUFFIXES } from '../server/store/sqlite-store.js';
import type { ActionRecord, DeviceRecord, QueuedCommand, Store } from '../server/store/store.js';
import { roundOrder } from './rounds.js';

const device = (id: string, now: number): DeviceRecord => ({
  id,
  fleet: 'store-writes',
  secretHash: 'ab'.repeat(32),
  inventory: {
    deviceName: `Pixel ${id.slice(0, 8)}`,
    enrollment: 'androidWorkProfile',
    osVersion: '14',
    model: 'Pixel 8',
    manufacturer: 'Google',
    serialNumber: id.slice(0, 12).toUpperCase(),
    userPrincipalName: `user.${id.slice(0, 6)}@contoso.example`,
    userDisplayName: 'Store Writes',
    ownerType: 'company',
    policy: { passcodeRequired: true, minLength: 6 },
  },
  unlockToken: null,
  state: {
    screen: { view: 'home', title: 'Home', message: null },
    locked: false,
    passcodeSet: true,
    workProfilePasscodeSet: true,
    workProfileLocked: false,
    resetToken: 'active',
    notifications: [],
    prompt: null,
    compliant: true,
  },
  connected: true,
  enrolledAt: now,
  lastSyncAt: now,
});

/** Bytes this process has written so far (Linux), or null. */
function bytesWritten(): number | null {
  try {
    const match = /^wchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Replays the writes on a store it opens and closes (closing is part of the cost: SQLite checkpoints its WAL). */
async function replay(open: () => Store, devices: number, perCommit: number): Promise<ReplayCost> {
  const store = open();
  const ids = Array.from({ length: devices }, () => randomUuid());
  for (const id of ids) store.devices.put(device(id, 1));
  await store.committed();
  const writtenBefore = bytesWritten();
  const cpuBefore = process.cpuUsage();
  let now = 2;
  type InFlight = Array<{ action: ActionRecord; command: QueuedCommand }>;
  /** The server marks a command sent (its action active) once the commit that queued it is done. */
  const send = (queued: InFlight): InFlight =>
    queued.map(({ action, command }) => {
      const active: ActionRecord = { ...action, state: 'active', updatedAt: now };
      store.transaction(() => {
        store.commands.update({ ...command, sent: true });
        store.actions.put(active);
      });
      return { action: active, command };
    });
  const answer = (sent: InFlight) => {
    for (const { action, command } of sent) {
      const known = store.devices.get(action.deviceId);
      if (known) store.devices.put({ ...known, lastSyncAt: now, state: { ...known.state, locked: true } });
      store.transaction(() => {
        store.commands.remove(command.commandId);
        store.actions.put({ ...action, state: 'done', updatedAt: now });
      });
    }
  };
  // Each commit: a new group queued, the group the last commit queued sent, the group sent before that answered.
  let queued: InFlight = [];
  let sent: InFlight = [];
  for (let start = 0; start < ids.length || queued.length > 0 || sent.length > 0; start += perCommit) {
    now++;
    const fresh: InFlight = [];
    for (const deviceId of ids.slice(start, start + perCommit)) {
      const action: ActionRecord = {
        id: randomUuid(),
        deviceId,
        action: 'resetPasscode',
        state: 'pending',
        initiatedBy: 'admin@contoso.example',
        requestedAt: now,
        updatedAt: now,
        passcode: '13572468',
        errorCode: null,
        errorDescription: null,
      };
      const command: QueuedCommand = {
        commandId: randomUuid(),
        actionId: action.id,
        deviceId,
        request: { requestType: 'ResetPassword', newPassword: '13572468', flags: 1 },
        sent: false,
        notNowCount: 0,
      };
      store.transaction(() => {
        store.actions.put(action);
        store.commands.enqueue(command);
      });
      fresh.push({ action, command });
    }
    answer(sent);
    sent = send(queued);
    queued = fresh;
    await store.committed();
  }
  const done = store.actions.list().filter((action) => action.state === 'done').length;
  const queuedLeft = ids.reduce((sum, id) => sum + store.commands.pendingFor(id).length, 0);
  store.close();
  const cpu = process.cpuUsage(cpuBefore);
  const writtenAfter = bytesWritten();
  return {
    done,
    queuedLeft,
    cpuMicros: (cpu.user + cpu.system) / ids.length,
    bytes:
      writtenBefore === null || writtenAfter === null ? null : (writtenAfter - writtenBefore) / ids.length,
  };
}

export interface ReplayCost {
  /** Actions the replay left done (every one, when it ran to its end). */
  done: number;
  /** Commands still queued at the end (none, when it ran to its end). */
  queuedLeft: number;
  /** CPU µs per action. */
  cpuMicros: number;
  /** Bytes the process wrote per action, or null where the kernel does not say (not Linux). */
  bytes: number | null;
}

export interface StoreWritesOptions {
  devices: number;
  perCommit: number;
  rounds: number;
  /** Told of each replay as it ends. */
  onReplay?: (round: number, store: string, cost: ReplayCost) => void;
}

/** Replays a fleet-wide reset's writes `rounds` times on each store, the stores taking turns. */
export async function measureStoreWrites(options: StoreWritesOptions): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'mdmsim-store-writes-'));
  const file = join(folder, 'store.db');
  const removeFile = () => {
    for (const suffix of SQLITE_FILE_SUFFIXES) rmSync(`${file}${suffix}`, { force: true });
  };
  try {
    const stores: Array<[string, () => Store]> = [
      ['memory', () => createMemoryStore()],
      [
        'sqlite',
        () => {
          removeFile();
          return openSqliteStore(file);
        },
      ],
    ];
    for (let round = 0; round < options.rounds; round++) {
      const order = roundOrder(stores, round);
      for (const [name, open] of order) {
        options.onReplay?.(round + 1, name, await replay(open, options.devices, options.perCommit));
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A flag's whole number above 0 (or its default); anything else ends the command with exit code 2. */
function positive(flag: string, value: string | undefined, fallback: number): number {
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) {
    process.stderr.write(`--${flag} takes a whole number above 0; not "${value}".\n`);
    process.exit(2);
  }
  return parsed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseCommandLine('npx tsx bench/store-writes.ts', {
    devices: { type: 'string' },
    'per-commit': { type: 'string' },
    rounds: { type: 'string' },
  });
  const DEVICES = positive('devices', values.devices, 10_000);
  const PER_COMMIT = positive('per-commit', values['per-commit'], 60);
  const ROUNDS = positive('rounds', values.rounds, 3);
  process.stdout.write(
    `${DEVICES} devices, one Remove passcode each, ${PER_COMMIT} actions per commit, ${ROUNDS} rounds\n`,
  );
  await measureStoreWrites({
    devices: DEVICES,
    perCommit: PER_COMMIT,
    rounds: ROUNDS,
    onReplay(round, store, { cpuMicros, bytes }) {
      const written = bytes === null ? '' : `, ${(bytes / 1024).toFixed(1)} KB written per action`;
      process.stdout.write(
        `round ${round} ${store}: ${cpuMicros.toFixed(1)} µs of CPU per action${written}\n`,
      );
    },
  });
}
