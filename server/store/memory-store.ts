// The in-memory store: Maps kept in insertion order, with per-device indexes so no operation scans the fleet.
import { randomUuid } from '../../lib/random-uuid.js';
import type {
  ActionRecord,
  ActionStore,
  DeviceRecord,
  DeviceStore,
  ListingSequence,
  QueuedCommand,
  Store,
} from './store.js';

/**
 * The memory store, with what the durable store's mirror of its file needs besides: a new record put at a listing
 * sequence the file keeps (its row's rowid), so that cursors hold across a restart, and the last sequence given.
 */
export interface MirrorStore extends Store {
  devices: DeviceStore & { putAt(record: DeviceRecord, sequence: ListingSequence): void };
  actions: ActionStore & { putAt(record: ActionRecord, sequence: ListingSequence): void };
  /** The largest listing sequence given so far, to a record still here or to one gone since. */
  lastSequence(): ListingSequence;
}

/** `sequencesAfter`: the sequences already given (by an earlier run of a durable store); new ones come after it. */
export function createMemoryStore(sequencesAfter: ListingSequence = 0): MirrorStore {
  const devices = new Map<string, DeviceRecord>();
  const actions = new Map<string, ActionRecord>();
  /** Each device's latest action record itself (not its id): one lookup where two were, on every write and read. */
  const latestAction = new Map<string, ActionRecord>();
  const commands = new Map<string, QueuedCommand>();
  const commandsByDevice = new Map<string, Set<string>>();
  let savedTime: number | undefined;
  /**
   * The ids in order, made when asked for and forgotten when the set of ids changes (not when a record does); frozen,
   * since every caller is handed the same array.
   */
  let deviceIds: readonly string[] | undefined;
  let actionIds: readonly string[] | undefined;
  /** Each id's listing sequence (store.ts): an id added later always gets a larger number than any before it. */
  const deviceSequences = new Map<string, ListingSequence>();
  const actionSequences = new Map<string, ListingSequence>();
  let lastSequence = sequencesAfter;
  /** A new id's sequence: the one given (a file's rowid), else the next of the store's own. */
  const sequenceFor = (given: ListingSequence | undefined) => {
    if (given === undefined) return ++lastSequence;
    lastSequence = Math.max(lastSequence, given);
    return given;
  };
  const putDevice = (record: DeviceRecord, sequence: ListingSequence | undefined) => {
    if (!devices.has(record.id)) {
      deviceIds = undefined;
      deviceSequences.set(record.id, sequenceFor(sequence));
    }
    devices.set(record.id, record);
  };
  const putAction = (record: ActionRecord, sequence: ListingSequence | undefined) => {
    if (!actions.has(record.id)) {
      actionIds = undefined;
      actionSequences.set(record.id, sequenceFor(sequence));
    }
    actions.set(record.id, record);
    const latest = latestAction.get(record.deviceId);
    if (!latest || latest.id === record.id || latest.requestedAt <= record.requestedAt) {
      latestAction.set(record.deviceId, record);
    }
  };

  return {
    id: randomUuid(),
    devices: {
      get: (id) => devices.get(id),
      put: (record) => putDevice(record, undefined),
      putAt: putDevice,
      list: () => [...devices.values()],
      ids: () => (deviceIds ??= Object.freeze([...devices.keys()])),
      sequenceOf: (id) => deviceSequences.get(id),
      count: () => devices.size,
      remove(id) {
        if (!devices.delete(id)) return;
        deviceIds = undefined;
        deviceSequences.delete(id);
      },
    },
    actions: {
      get: (id) => actions.get(id),
      put: (record) => putAction(record, undefined),
      putAt: putAction,
      list: () => [...actions.values()],
      ids: () => (actionIds ??= Object.freeze([...actions.keys()])),
      sequenceOf: (id) => actionSequences.get(id),
      latestFor: (deviceId) => latestAction.get(deviceId),
      removeFor(removed) {
        for (const [id, action] of actions) {
          if (removed.has(action.deviceId)) {
            actions.delete(id);
            actionSequences.delete(id);
            actionIds = undefined;
          }
        }
        for (const deviceId of removed) latestAction.delete(deviceId);
      },
    },
    commands: {
      enqueue(command) {
        commands.set(command.commandId, command);
        const ids = commandsByDevice.get(command.deviceId) ?? new Set<string>();
        commandsByDevice.set(command.deviceId, ids);
        ids.add(command.commandId);
      },
      get: (commandId) => commands.get(commandId),
      update: (command) => void commands.set(command.commandId, command),
      remove(commandId) {
        const command = commands.get(commandId);
        if (!command) return;
        commands.delete(commandId);
        const ids = commandsByDevice.get(command.deviceId);
        ids?.delete(commandId);
        // An idle device keeps no empty index behind (memory per device over a large fleet).
        if (ids?.size === 0) commandsByDevice.delete(command.deviceId);
      },
      pendingFor(deviceId) {
        const pending: QueuedCommand[] = [];
        for (const id of commandsByDevice.get(deviceId) ?? []) {
          const command = commands.get(id);
          if (command) pending.push(command);
        }
        return pending;
      },
    },
    time: {
      load: () => savedTime,
      save: (now) => {
        savedTime = now;
      },
    },
    lastSequence: () => lastSequence,
    transaction: (change) => change(),
    committed: () => undefined,
    close: () => undefined,
  };
}
