// /sim/events payloads go out through their shared schemas: what a reader parses with shared/sim/events.ts, nothing more.
import { describe, expect, it } from 'vitest';
import { nullableAsTypeList, serializeEvent } from '../../server/sim/event-serializers.js';
import type { ActionView } from '../../shared/sim/action-view.js';
import type { DeviceView } from '../../shared/sim/device-view.js';
import { parseSimEvent } from '../../shared/sim/events.js';

const action: ActionView = {
  id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  deviceId: '3f2504e0-4f89-41d3-9a0c-0305e82c3302',
  action: 'resetPasscode',
  state: 'failed',
  initiatedBy: 'admin@contoso.onmicrosoft.com',
  requestedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:01:00.000Z',
  errorCode: 12,
  errorDescription: 'The passcode is too short.',
};

const device: DeviceView = {
  id: action.deviceId,
  name: 'Work phone',
  fleet: 'demo',
  enrollment: 'androidWorkProfile',
  operatingSystem: 'Android',
  osVersion: '12',
  model: 'Pixel 6',
  user: 'adele@contoso.com',
  policy: null,
  connected: true,
  enrolledAt: '2026-01-01T00:00:00.000Z',
  lastSeenAt: '2026-01-01T00:02:00.000Z',
  removePasscode: {
    supported: false,
    reason: 'Not on this edition.',
    actionName: 'Reset passcode',
    edition: '2018-03',
  },
  state: {
    screen: { view: 'workProfileLocked', title: 'Work profile locked', message: null },
    locked: false,
    passcodeSet: true,
    workProfilePasscodeSet: true,
    workProfileLocked: true,
    resetToken: 'active',
    notifications: [{ id: 'n1', title: 'Company Portal', body: 'Set a new work profile passcode' }],
    prompt: null,
    compliant: false,
  },
  latestAction: action,
};

describe('the /sim/events serializers', () => {
  it('write the JSON of each view, which the shared schema reads back', () => {
    expect(JSON.parse(serializeEvent.device(device))).toEqual(device);
    expect(parseSimEvent('device', serializeEvent.device(device))).toEqual({ event: 'device', data: device });
    expect(JSON.parse(serializeEvent.action(action))).toEqual(action);
    const clock = { now: '2026-01-01T00:00:00.000Z', nowMs: 1767225600000, speed: 60 };
    expect(JSON.parse(serializeEvent.clock(clock))).toEqual(clock);
    expect(JSON.parse(serializeEvent.reset({ deviceIds: [device.id] }))).toEqual({ deviceIds: [device.id] });
  });

  it('write a nullable field both ways: null, and a value (with only its own fields)', () => {
    const done: ActionView = { ...action, state: 'done', errorCode: null, errorDescription: null };
    expect(JSON.parse(serializeEvent.action(done))).toEqual(done);
    const prompted: DeviceView = {
      ...device,
      policy: { passcodeRequired: true, minLength: 6 },
      latestAction: null,
      state: {
        ...device.state,
        resetToken: null,
        prompt: { kind: 'passcodeRequirement', deadline: '2026-01-01T01:00:00.000Z', enforced: false },
      },
    };
    expect(JSON.parse(serializeEvent.device(prompted))).toEqual(prompted);
    const leaky = {
      ...prompted,
      policy: { ...prompted.policy, secret: 'policy-secret' },
      latestAction: { ...done, passcode: '123456' },
      state: { ...prompted.state, prompt: { ...prompted.state.prompt, unlockToken: 'token-secret' } },
    } as DeviceView;
    const written = serializeEvent.device(leaky);
    for (const secret of ['policy-secret', '123456', 'token-secret']) expect(written).not.toContain(secret);
    expect(JSON.parse(written)).toEqual({ ...prompted, latestAction: done });
  });

  it('send only what the schema has: a field it does not name never reaches the stream', () => {
    const leaky = { ...action, passcode: '123456' } as ActionView;
    const written = serializeEvent.action(leaky);
    expect(written).not.toContain('123456');
    expect(parseSimEvent('action', written)).toEqual({ event: 'action', data: action });
  });

  it('turn only a two-way union with a bare null into a list of types', () => {
    const integerOrNull = { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }] };
    expect(nullableAsTypeList({ properties: { errorCode: integerOrNull } })).toEqual({
      properties: { errorCode: { type: ['integer', 'null'], minimum: 0 } },
    });
    const union = { anyOf: [{ type: 'string' }, { type: 'integer' }] };
    expect(nullableAsTypeList(union)).toEqual(union);
    const described = { anyOf: [{ type: 'string' }, { type: 'null', description: 'none' }] };
    expect(nullableAsTypeList(described)).toEqual(described);
    // An enum or a const stays a union, so its values are still checked (resetToken: none, inactive, active).
    const enumOrNull = { anyOf: [{ type: 'string', enum: ['none', 'active'] }, { type: 'null' }] };
    expect(nullableAsTypeList(enumOrNull)).toEqual(enumOrNull);
    // Data keywords are values, not schemas: left as they are.
    const withData = { const: { anyOf: [{ type: 'string' }, { type: 'null' }] } };
    expect(nullableAsTypeList(withData)).toEqual(withData);
  });

  it('still refuses a value outside a nullable enum (the event is skipped, never written)', () => {
    const odd = {
      ...device,
      state: { ...device.state, resetToken: 'leaked-token' },
    } as unknown as DeviceView;
    expect(() => serializeEvent.device(odd)).toThrow();
  });
});
