// One conformance suite for every store backend, plus what only the durable one promises: surviving a restart.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileStore } from '../../../server/store/file-store.js';
import { createMemoryStore } from '../../../server/store/memory-store.js';
import type { ActionRecord, DeviceRecord, QueuedCommand, Store } from '../../../server/store/store.js';

const folder = mkdtempSync(join(tmpdir(), 'mdmsim-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
const journal = () => join(folder, `journal-${files++}.jsonl`);

const device = (id: string, enrolledAt = 1): DeviceRecord => ({
  id,
  fleet: 'f',
  secretHash: 'ab'.repeat(32),
  inventory: {
    deviceName: id,
    enrollment: 'androidWorkProfile',
    osVersion: '9.0',
    model: 'Pixel',
    manufacturer: 'Google',
    serialNumber: 'SN',
    userPrincipalName: 'u@example.com',
    userDisplayName: 'U',
    ownerType: 'company',
    policy: null,
  },
  unlockToken: null,
  state: {
    screen: { view: 'home', title: 'Home', message: null },
    locked: false,
    passcodeSet: true,
    workProfilePasscodeSet: true,
    resetToken: 'active',
    notifications: [],
    prompt: null,
    compliant: true,
  },
  enrolledAt,
  lastSyncAt: enrolledAt,
  connected: true,
});
const action = (
  id: string,
  deviceId: string,
  requestedAt: number,
  state: ActionRecord['state'] = 'pending',
) =>
  ({
    id,
    deviceId,
    action: 'resetPasscode',
    state,
    initiatedBy: 'admin@example.com',
    requestedAt,
    updatedAt: requestedAt,
    passcode: '123456',
    errorCode: null,
    errorDescription: null,
  }) satisfies ActionRecord;
const command = (commandId: string, deviceId: string, sent = false): QueuedCommand => ({
  commandId,
  actionId: `a-${commandId}`,
  deviceId,
  request: { requestType: 'ResetPassword', newPassword: '123456', flags: 1 },
  sent,
  notNowCount: 0,
});

const backends: Array<[string, () => Store]> = [
  ['memory', () => createMemoryStore()],
  ['file', () => openFileStore(journal())],
];

describe.each(backends)('%s store', (_name, open) => {
  it('keeps devices in enrollment order and replaces them by id', () => {
    const store = open();
    store.devices.put(device('a'));
    store.devices.put(device('b'));
    store.devices.put({ ...device('a'), fleet: 'g' });
    expect(store.devices.list().map((d) => d.id)).toEqual(['a', 'b']);
    expect(store.devices.get('a')?.fleet).toBe('g');
    expect(store.devices.count()).toBe(2);
    expect(store.devices.get('nope')).toBeUndefined();
  });

  it('removes a device (a test run cleaning up), its actions staying', () => {
    const store = open();
    store.devices.put(device('a'));
    store.devices.put(device('b'));
    store.actions.put(action('x1', 'a', 10));
    store.devices.remove('a');
    store.devices.remove('unknown');
    expect(store.devices.list().map((d) => d.id)).toEqual(['b']);
    expect(store.devices.count()).toBe(1);
    expect(store.actions.get('x1')).toBeDefined();
  });

  it("tracks each device's latest action, whatever order actions are written in", () => {
    const store = open();
    store.actions.put(action('x1', 'a', 10));
    store.actions.put(action('x2', 'a', 20));
    store.actions.put({ ...action('x1', 'a', 10), state: 'done' });
    expect(store.actions.latestFor('a')?.id).toBe('x2');
    expect(store.actions.list().map((a) => a.id)).toEqual(['x1', 'x2']);
    expect(store.actions.latestFor('b')).toBeUndefined();
  });

  it('queues commands per device in order, updates and removes them', () => {
    const store = open();
    store.commands.enqueue(command('c1', 'a'));
    store.commands.enqueue(command('c2', 'a'));
    store.commands.enqueue(command('c3', 'b'));
    store.commands.update({ ...command('c1', 'a'), sent: true });
    expect(store.commands.pendingFor('a').map((c) => [c.commandId, c.sent])).toEqual([
      ['c1', true],
      ['c2', false],
    ]);
    store.commands.remove('c1');
    store.commands.remove('unknown');
    expect(store.commands.pendingFor('a').map((c) => c.commandId)).toEqual(['c2']);
    expect(store.commands.get('c1')).toBeUndefined();
    expect(store.commands.pendingFor('b')).toHaveLength(1);
  });
});

describe('file store across a restart', () => {
  it('brings back devices, actions and queued commands; nothing is connected or on the wire any more', () => {
    const path = journal();
    const before = openFileStore(path);
    before.devices.put(device('a'));
    before.actions.put(action('x1', 'a', 10, 'active'));
    before.commands.enqueue(command('c1', 'a', true));
    before.commands.enqueue(command('c2', 'a'));
    before.commands.remove('c2');
    before.close();

    const after = openFileStore(path);
    expect(after.devices.get('a')).toMatchObject({ id: 'a', connected: false, secretHash: 'ab'.repeat(32) });
    expect(after.actions.latestFor('a')).toMatchObject({ id: 'x1', state: 'pending', passcode: '123456' });
    expect(after.commands.pendingFor('a')).toEqual([command('c1', 'a', false)]);
    after.close();
  });

  it('does not bring back a removed device', () => {
    const path = journal();
    const before = openFileStore(path);
    before.devices.put(device('a'));
    before.devices.put(device('b'));
    before.devices.remove('a');
    before.close();
    const after = openFileStore(path);
    expect(after.devices.list().map((d) => d.id)).toEqual(['b']);
    after.close();
  });

  it('ignores a torn last line (a crash mid-write) and refuses corruption earlier in the journal', () => {
    const path = journal();
    const store = openFileStore(path);
    store.devices.put(device('a'));
    store.close();
    appendFileSync(path, '{"t":"device","v":{"id":');
    expect(openFileStore(path).devices.get('a')?.id).toBe('a');

    const corrupt = journal();
    writeFileSync(corrupt, `not json\n${JSON.stringify({ t: 'device', v: device('b') })}\n\n`);
    expect(() => openFileStore(corrupt)).toThrow(/journal-\d+\.jsonl:1/);
  });
});
