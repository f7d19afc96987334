// An action's simulator view gives each of its times as ISO 8601, whichever times came before it.
import { describe, expect, it } from 'vitest';
import { simAction } from '../../server/sim/sim-device-view.js';
import type { ActionRecord } from '../../server/store/store.js';

const action = (id: string, requestedAt: number, updatedAt: number): ActionRecord => ({
  id,
  deviceId: `device-${id}`,
  action: 'resetPasscode',
  state: 'done',
  initiatedBy: 'admin@contoso.com',
  requestedAt,
  updatedAt,
  passcode: null,
  errorCode: null,
  errorDescription: null,
});

describe('simulator action view', () => {
  it('writes each time of each action, repeated or not', () => {
    const times = [
      [0, 0],
      [0, 1],
      [1_764_460_800_000, 1_764_460_800_000],
      [1_764_460_800_000, 1_764_460_800_999],
      [0, 1_764_460_800_999],
      [1, 1],
    ] as const;
    for (const [index, [requestedAt, updatedAt]] of times.entries()) {
      expect(simAction(action(String(index), requestedAt, updatedAt))).toMatchObject({
        id: String(index),
        requestedAt: new Date(requestedAt).toISOString(),
        updatedAt: new Date(updatedAt).toISOString(),
      });
    }
  });
});
