// A durable store: the in-memory store plus an append-only JSON-lines journal, replayed and compacted on open.
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { createMemoryStore } from './memory-store.js';
import type { ActionRecord, DeviceRecord, QueuedCommand, Store } from './store.js';

type JournalEntry =
  | { t: 'device'; v: DeviceRecord }
  | { t: 'action'; v: ActionRecord }
  | { t: 'command'; v: QueuedCommand }
  | { t: 'commandRemoved'; id: string }
  | { t: 'deviceRemoved'; id: string };

/**
 * Opens (or creates) the journal at `path`. What survives a restart: every device and its credentials, every action
 * (with an Android temporary passcode while it is readable), and every queued command, offered again on reconnect.
 */
export function openFileStore(path: string): Store {
  const memory = createMemoryStore();
  if (existsSync(path)) replay(memory, readFileSync(path, 'utf8'), path);
  compact(memory, path);
  const fd = openSync(path, 'a');
  let closed = false;
  const append = (entry: JournalEntry) => {
    if (closed) throw new Error(`The store journal ${path} is closed; nothing more can be recorded.`);
    writeSync(fd, `${JSON.stringify(entry)}\n`);
  };

  return {
    devices: {
      ...memory.devices,
      put(record) {
        memory.devices.put(record);
        append({ t: 'device', v: record });
      },
      remove(id) {
        memory.devices.remove(id);
        append({ t: 'deviceRemoved', id });
      },
    },
    actions: {
      ...memory.actions,
      put(record) {
        memory.actions.put(record);
        append({ t: 'action', v: record });
      },
    },
    commands: {
      ...memory.commands,
      enqueue(command) {
        memory.commands.enqueue(command);
        append({ t: 'command', v: command });
      },
      update(command) {
        memory.commands.update(command);
        append({ t: 'command', v: command });
      },
      remove(commandId) {
        memory.commands.remove(commandId);
        append({ t: 'commandRemoved', id: commandId });
      },
    },
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}

function replay(memory: Store, text: string, path: string): void {
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      // A torn last line is what a crash mid-write leaves; anything earlier is corruption.
      if (index >= lines.length - 2) return;
      throw new Error(`${path}:${index + 1} is not a valid journal entry.`);
    }
    switch (entry.t) {
      case 'device':
        memory.devices.put(entry.v);
        return;
      case 'action':
        memory.actions.put(entry.v);
        return;
      case 'command':
        if (memory.commands.get(entry.v.commandId)) memory.commands.update(entry.v);
        else memory.commands.enqueue(entry.v);
        return;
      case 'commandRemoved':
        memory.commands.remove(entry.id);
        return;
      case 'deviceRemoved':
        memory.devices.remove(entry.id);
        return;
    }
  });
}

/**
 * Rewrites the journal as one entry per live record. No connection survives a restart: devices are offline, and what
 * was on the wire is queued again (actions `active` become `pending`).
 */
function compact(memory: Store, path: string): void {
  const entries: JournalEntry[] = [
    ...memory.devices
      .list()
      .map((device): JournalEntry => ({ t: 'device', v: { ...device, connected: false } })),
    ...memory.actions.list().map(
      (action): JournalEntry => ({
        t: 'action',
        v: action.state === 'active' ? { ...action, state: 'pending' } : action,
      }),
    ),
    ...memory.devices
      .list()
      .flatMap((device) => memory.commands.pendingFor(device.id))
      .map((command): JournalEntry => ({ t: 'command', v: { ...command, sent: false } })),
  ];
  for (const entry of entries) {
    if (entry.t === 'device') memory.devices.put(entry.v);
    if (entry.t === 'action') memory.actions.put(entry.v);
    if (entry.t === 'command') memory.commands.update(entry.v);
  }
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w');
  writeSync(fd, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  closeSync(fd);
  renameSync(temporary, path);
}
