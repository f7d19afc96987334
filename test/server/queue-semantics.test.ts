// The queue's invariants, checked by fast-check against a model over any interleaving of connects, session
// replacements, drops, admin requests, NotNow and final results (duplicates and late ones included), and restarts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../../lib/controllable-clock.js';
import { DeviceSessions, type SessionSocket } from '../../server/gateway/device-sessions.js';
import { beginSession, endSession } from '../../server/gateway/session-lifecycle.js';
import { DeviceRegistry } from '../../server/services/device-registry.js';
import { RemoteActions } from '../../server/services/remote-actions.js';
import { SimulationEvents } from '../../server/services/simulation-events.js';
import { createMemoryStore } from '../../server/store/memory-store.js';
import { openSqliteStore } from '../../server/store/sqlite-store.js';
import { FINAL_ACTION_STATES, type Store } from '../../server/store/store.js';
import type { ServerMessage } from '../../shared/protocol.js';
import { deviceRecord } from '../support/device-record.js';

const NOT_NOW_RETRY_MS = 60_000;
const DEVICE_IDS = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'] as const;

/** A connection as the sessions table sees it, recording every frame the server sent on it. */
class RecordingSocket implements SessionSocket {
  readonly frames: ServerMessage[] = [];
  readonly bufferedAmount = 0;
  open = true;
  private readonly closeListeners: Array<() => void> = [];
  send(data: string): void {
    if (this.open) this.frames.push(JSON.parse(data) as ServerMessage);
  }
  close(): void {
    if (!this.open) return;
    this.open = false;
    for (const listener of this.closeListeners.splice(0)) listener();
  }
  terminate(): void {
    this.close();
  }
  once(_event: 'close', listener: () => void): unknown {
    this.closeListeners.push(listener);
    return this;
  }
  commandIds(): string[] {
    return this.frames.flatMap((frame) => (frame.type === 'command' ? [frame.commandId] : []));
  }
}

/** The server side of the queue, built as services.ts builds it, over a store that may be reopened (a restart). */
class Server {
  readonly clock = new ControllableClock({ now: 1_700_000_000_000, speed: 0 });
  readonly sessions = new DeviceSessions(1_000);
  readonly registry: DeviceRegistry;
  readonly actions: RemoteActions;
  constructor(readonly store: Store) {
    const events = new SimulationEvents();
    this.registry = new DeviceRegistry(store, events, this.clock, 'ab'.repeat(32));
    this.actions = new RemoteActions(store, events, this.clock, this.sessions, {
      supportEdition: '2018-03',
      notNowRetryMs: NOT_NOW_RETRY_MS,
      passcodeRetentionMs: 7 * 24 * 3600_000,
    });
  }
}

type Step =
  | { kind: 'connect'; device: number }
  | { kind: 'drop'; device: number }
  | { kind: 'reset'; device: number }
  | {
      kind: 'answer';
      device: number;
      session: number;
      command: number;
      status: 'Acknowledged' | 'Error' | 'NotNow';
    }
  | { kind: 'tick' }
  | { kind: 'restart' }
  | { kind: 'commit' };

const device = fc.integer({ min: 0, max: DEVICE_IDS.length - 1 });
const step = (withRestarts: boolean): fc.Arbitrary<Step> =>
  fc.oneof(
    fc.record({ kind: fc.constant('connect' as const), device }),
    fc.record({ kind: fc.constant('drop' as const), device }),
    fc.record({ kind: fc.constant('reset' as const), device }),
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('answer' as const),
        device,
        session: fc.nat(4),
        command: fc.nat(4),
        status: fc.constantFrom('Acknowledged' as const, 'Error' as const, 'NotNow' as const),
      }),
    },
    fc.record({ kind: fc.constant('tick' as const) }),
    ...(withRestarts ? [fc.record({ kind: fc.constant('restart' as const) })] : []),
  );
/** Steps with commits left pending between them, as on a busy server: a commit lands only at a `commit` step. */
const racingStep = (withRestarts: boolean): fc.Arbitrary<Step> =>
  fc.oneof(step(withRestarts), fc.record({ kind: fc.constant('commit' as const) }));

async function runModel(
  openStore: (fresh: boolean) => Store,
  steps: Step[],
  commitAfterEachStep = true,
): Promise<void> {
  let server = new Server(openStore(true));
  for (const id of DEVICE_IDS) server.store.devices.put(deviceRecord(id, { fleet: 'model' }));
  /** Every session each device ever had, newest last; the current one is the last if open. */
  let sessions: RecordingSocket[][] = DEVICE_IDS.map(() => []);
  /** Model: every action accepted, and the final state it reached (never to change again). */
  const accepted = new Set<string>();
  const finalState = new Map<string, string>();

  const current = (d: number) => {
    const socket = sessions[d]?.at(-1);
    return socket?.open ? socket : undefined;
  };
  const connect = (d: number) => {
    const socket = new RecordingSocket();
    const id = DEVICE_IDS[d] as string;
    const previous = current(d);
    sessions[d]?.push(socket);
    beginSession(server.sessions, server, id, socket);
    // The replaced connection's close arrives after the new session began, as it does over a real socket.
    if (previous) endSession(server.sessions, server, id, previous);
  };

  /** Commands go on the wire once their change is committed (write-ahead): the model waits for that, as a device would. */
  const durable = async () => {
    for (let committed = server.store.committed(); committed; committed = server.store.committed()) {
      await committed;
      await Promise.resolve();
    }
  };

  const check = () => {
    const { store } = server;
    for (const actionId of accepted) {
      const action = store.actions.get(actionId);
      expect(action, 'an accepted action was lost').toBeDefined();
      if (!action) continue;
      const queued = DEVICE_IDS.flatMap((id) => store.commands.pendingFor(id)).filter(
        (command) => command.actionId === actionId,
      );
      const final = finalState.get(actionId);
      if (final) expect(action.state, 'a final state changed').toBe(final);
      if (FINAL_ACTION_STATES.has(action.state)) {
        finalState.set(actionId, action.state);
        expect(queued, 'a finished action kept its command').toHaveLength(0);
        continue;
      }
      expect(queued, 'an unfinished action has exactly one queued command').toHaveLength(1);
      const [command] = queued;
      if (!command) continue;
      const d = DEVICE_IDS.indexOf(command.deviceId as (typeof DEVICE_IDS)[number]);
      const socket = current(d);
      expect(action.state, 'active exactly while the command is on the current wire').toBe(
        command.sent ? 'active' : 'pending',
      );
      if (command.sent) {
        expect(socket, 'a command marked sent has a session to be on').toBeDefined();
        expect(socket?.commandIds(), 'sent means sent on the current session').toContain(command.commandId);
      } else if (socket) {
        expect(
          command.notNowCount,
          'a connected device holds its commands unless it said NotNow',
        ).toBeGreaterThan(0);
      }
    }
  };

  for (const s of steps) {
    switch (s.kind) {
      case 'connect':
        connect(s.device);
        break;
      case 'drop': {
        const socket = current(s.device);
        if (!socket) break;
        socket.close();
        endSession(server.sessions, server, DEVICE_IDS[s.device] as string, socket);
        break;
      }
      case 'reset': {
        const outcome = server.actions.resetPasscode(DEVICE_IDS[s.device] as string, 'admin@example.com');
        if (outcome.kind === 'accepted') accepted.add(outcome.action.id);
        break;
      }
      case 'answer': {
        const mine = sessions[s.device] ?? [];
        const socket = mine[s.session % Math.max(1, mine.length)];
        const ids = socket?.commandIds() ?? [];
        const commandId = ids[s.command % Math.max(1, ids.length)];
        if (!socket || commandId === undefined) break;
        const id = DEVICE_IDS[s.device] as string;
        server.actions.recordResult(
          id,
          s.status === 'Error'
            ? { commandId, status: 'Error', errorCode: 1, errorChain: [] }
            : { commandId, status: s.status },
          server.sessions.isCurrent(id, socket),
        );
        break;
      }
      case 'tick':
        server.clock.advance(NOT_NOW_RETRY_MS);
        break;
      case 'commit':
        await durable();
        break;
      case 'restart':
        // Every connection dies with the process; the store is all that survives.
        for (const socket of sessions.flat()) socket.open = false;
        sessions = DEVICE_IDS.map(() => []);
        server.clock.stop();
        server.store.close();
        server = new Server(openStore(false));
        break;
    }
    if (commitAfterEachStep || s.kind === 'commit') {
      await durable();
      check();
    }
  }

  // Liveness: once every device is connected and answers what it gets, nothing stays unfinished.
  for (let d = 0; d < DEVICE_IDS.length; d++) if (!current(d)) connect(d);
  await durable();
  for (let round = 0; round < 3; round++) {
    server.clock.advance(NOT_NOW_RETRY_MS);
    await durable();
    DEVICE_IDS.forEach((id, d) => {
      for (const commandId of current(d)?.commandIds() ?? []) {
        server.actions.recordResult(id, { commandId, status: 'Acknowledged' }, true);
      }
    });
    await durable();
    check();
  }
  for (const actionId of accepted) {
    expect(FINAL_ACTION_STATES.has(server.store.actions.get(actionId)?.state ?? 'pending'), 'stuck').toBe(
      true,
    );
  }
  server.clock.stop();
  server.store.close();
}

const folder = mkdtempSync(join(tmpdir(), 'mdmsim-queue-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let runs = 0;

describe('queue semantics (property-based, against a model)', () => {
  it('holds on the memory store for any interleaving without restarts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step(false), { maxLength: 40 }), async (steps) => {
        const store = createMemoryStore();
        await runModel(() => store, steps);
      }),
      { numRuns: 300 },
    );
  });

  it('finishes every action when commits land while sessions come and go (SQLite)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(racingStep(false), { maxLength: 40 }), async (steps) => {
        const path = join(folder, `queue-${runs++}.db`);
        await runModel(() => openSqliteStore(path), steps, false);
      }),
      { numRuns: 300 },
    );
  });

  it('holds on the SQLite store across restarts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step(true), { maxLength: 30 }), async (steps) => {
        const path = join(folder, `queue-${runs++}.db`);
        await runModel(() => openSqliteStore(path), steps);
      }),
      { numRuns: 40 },
    );
  });
});
