// The in-memory store: Maps kept in insertion order, with per-device indexes so no operation scans the fleet.
import type { ActionRecord, DeviceRecord, QueuedCommand, Store } from './store.js';

export function createMemoryStore(): Store {
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

  return {
    devices: {
      get: (id) => devices.get(id),
      put(record) {
        if (!devices.has(record.id)) deviceIds = undefined;
        devices.set(record.id, record);
      },
      list: () => [...devices.values()],
      ids: () => (deviceIds ??= Object.freeze([...devices.keys()])),
      count: () => devices.size,
      remove(id) {
        if (devices.delete(id)) deviceIds = undefined;
      },
    },
    actions: {
      get: (id) => actions.get(id),
      put(record) {
        if (!actions.has(record.id)) actionIds = undefined;
        actions.set(record.id, record);
        const latest = latestAction.get(record.deviceId);
        if (!latest || latest.id === record.id || latest.requestedAt <= record.requestedAt) {
          latestAction.set(record.deviceId, record);
        }
      },
      list: () => [...actions.values()],
      ids: () => (actionIds ??= Object.freeze([...actions.keys()])),
      latestFor: (deviceId) => latestAction.get(deviceId),
      removeFor(removed) {
        for (const [id, action] of actions) {
          if (removed.has(action.deviceId)) {
            actions.delete(id);
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
    transaction: (change) => change(),
    committed: () => undefined,
    close: () => undefined,
  };
}
