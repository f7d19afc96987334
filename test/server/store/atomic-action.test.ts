// Regression: an action and its command are one write, so a crash between them cannot leave an action pending forever.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ControllableClock } from '../../../lib/controllable-clock.js';
import { DeviceSessions } from '../../../server/gateway/device-sessions.js';
import { RemoteActions } from '../../../server/services/remote-actions.js';
import { SimulationEvents } from '../../../server/services/simulation-events.js';
import { openSqliteStore } from '../../../server/store/sqlite-store.js';
import type { Store } from '../../../server/store/store.js';
import { deviceRecord } from '../../support/device-record.js';

const folder = mkdtempSync(join(tmpdir(), 'mdmsim-atomic-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const androidDevice = deviceRecord('d1');

it('leaves no action without its command when the process dies between the two writes', () => {
  const path = join(folder, 'store.db');
  const store = openSqliteStore(path);
  store.devices.put(structuredClone(androidDevice));
  // The process dies right after the action is written, before its command is.
  const dying: Store = {
    ...store,
    commands: {
      ...store.commands,
      enqueue: () => {
        throw new Error('SIGKILL');
      },
    },
  };
  const clock = new ControllableClock({ speed: 0 });
  const actions = new RemoteActions(dying, new SimulationEvents(), clock, new DeviceSessions(1_000), {
    supportEdition: '2018-03',
    notNowRetryMs: 60_000,
    passcodeRetentionMs: 1,
  });
  expect(() => actions.resetPasscode('d1', 'admin@example.com')).toThrow('SIGKILL');
  // The running store forgets the undone write too (its reads come from a mirror in memory, not from the file).
  expect(store.actions.list()).toEqual([]);
  expect(store.actions.latestFor('d1')).toBeUndefined();
  store.close();

  const after = openSqliteStore(path);
  const orphans = after.actions
    .list()
    .filter((action) => !after.commands.pendingFor('d1').some((command) => command.actionId === action.id));
  expect(orphans).toEqual([]);
  after.close();
  clock.stop();
});

it('gives an unfinished action that an old journal left without a command its command again, with its passcode', () => {
  const store = openSqliteStore(join(folder, 'orphan.db'));
  store.devices.put(structuredClone(androidDevice));
  store.actions.put({
    id: 'orphan',
    deviceId: 'd1',
    action: 'resetPasscode',
    state: 'active',
    initiatedBy: 'admin@example.com',
    requestedAt: 5,
    updatedAt: 5,
    passcode: '246810',
    errorCode: null,
    errorDescription: null,
  });
  const clock = new ControllableClock({ speed: 0 });
  const actions = new RemoteActions(store, new SimulationEvents(), clock, new DeviceSessions(1_000), {
    supportEdition: '2018-03',
    notNowRetryMs: 60_000,
    passcodeRetentionMs: 1,
  });
  actions.recoverUnqueued();
  expect(store.commands.pendingFor('d1')).toMatchObject([
    { actionId: 'orphan', request: { requestType: 'ResetPassword', newPassword: '246810' }, sent: false },
  ]);
  expect(store.actions.get('orphan')?.state).toBe('pending');
  store.close();
  clock.stop();
});
