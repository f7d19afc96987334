// Model-based tests: xstate/graph walks each machine over a finite event set; every path is replayed on a real actor
// (with a paused ControllableClock, so the grace period's delayed event is a clock advance) and every reached state is
// checked against the machine model and against invariants of the screen the user sees.

import { describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot, AnyStateMachine, SnapshotFrom } from 'xstate';
import { createTestModel, getShortestPaths } from 'xstate/graph';
import {
  androidWorkProfileMachine,
  SECURE_WORK_PROFILE_NOTIFICATION,
  type WorkProfileInput,
} from '../../../agents/machines/android-work-profile.js';
import { type BasicDeviceInput, basicDeviceMachine } from '../../../agents/machines/basic-device.js';
import { type DeviceEvent, WRONG_PASSCODE } from '../../../agents/machines/device-events.js';
import { type IosInput, iosMachine, PASSCODE_GRACE_MS } from '../../../agents/machines/ios.js';
import {
  androidWorkProfileStateOf,
  basicDeviceStateOf,
  iosStateOf,
} from '../../../agents/screen/device-state-of.js';
import type { CommandRequest } from '../../../shared/commands.js';
import { DeviceState } from '../../../shared/device-state.js';
import { startMachine, T0 } from './machine-harness.js';

const command = (request: CommandRequest): DeviceEvent => ({
  type: 'command',
  commandId: 'cmd-1',
  request,
  now: T0,
});
const CLEAR_RIGHT = command({ requestType: 'ClearPasscode', unlockToken: 'token' });
const CLEAR_WRONG = command({ requestType: 'ClearPasscode', unlockToken: 'other' });
const RESET = command({ requestType: 'ResetPassword', newPassword: 'Tmp4821', flags: 1 });

/**
 * A passcode screen (the lock screen, the work challenge) says only what its own passcode entry said: nothing, the
 * wrong passcode, or a running lockout; never what another screen said before it (Settings' "Passcode set.").
 */
const expectOnlyPasscodeEntrySaid = (snapshot: AnyMachineSnapshot, state: DeviceState) =>
  expect([null, WRONG_PASSCODE, snapshot.context.lockout]).toContain(state.screen.message);

/** The pieces of a model run for one machine and one enrollment input. */
interface ModelRun<TLogic extends AnyStateMachine> {
  logic: TLogic;
  input: unknown;
  events: DeviceEvent[];
  deriveState: (snapshot: SnapshotFrom<TLogic>) => DeviceState;
  invariants: (snapshot: SnapshotFrom<TLogic>, state: DeviceState) => void;
  /** The model takes delayed events as plain events; the real actor gets them by advancing its clock. */
  delayedEvents?: Record<string, number>;
}

/**
 * Wrong passcodes past this many count as one state for the walk: Android's schedule counts them up to 140 (AOSP
 * Gatekeeper), and the model, which runs no clock, ends a lockout as soon as it starts. No invariant here depends on
 * the count; the schedule itself is tested in basic-device.test.ts.
 */
const COUNTED_FAILURES = 11;

/** A context as the walk tells contexts apart: the count of wrong passcodes capped. */
const modelContext = (snapshot: AnyMachineSnapshot | undefined) =>
  snapshot && {
    ...snapshot.context,
    failedAttempts: Math.min(snapshot.context.failedAttempts, COUNTED_FAILURES),
  };

/** A state as the walk tells states apart: its value and its model context. */
const serializeState = (snapshot: AnyMachineSnapshot) =>
  JSON.stringify({ value: snapshot.value, context: modelContext(snapshot) });

/**
 * The shortest path to every reachable (value, context) state. createTestModel refuses machines with `after`
 * transitions, so the iOS machine's paths come from getShortestPaths, which takes the delayed event as a plain event.
 */
function shortestPaths<TLogic extends AnyStateMachine>(run: ModelRun<TLogic>) {
  const delayed = Object.keys(run.delayedEvents ?? {}).map((type) => ({ type }));
  const options = { input: run.input, events: [...run.events, ...delayed], serializeState } as never;
  type Path = {
    state: SnapshotFrom<TLogic>;
    steps: Array<{ event: { type: string }; state: SnapshotFrom<TLogic> }>;
  };
  if (run.delayedEvents) return getShortestPaths(run.logic, options) as unknown as Path[];
  const model = createTestModel(run.logic, {
    ...(options as object),
    serializeTransition: () => '',
  } as never);
  return model.getShortestPaths() as unknown as Path[];
}

/** Replays every shortest path on a real actor, checking each state against the model and the invariants. */
function checkEveryReachableState<TLogic extends AnyStateMachine>(run: ModelRun<TLogic>): number {
  const paths = shortestPaths(run);
  expect(paths.length).toBeGreaterThan(1);
  expect(paths.length).toBeLessThan(2000);
  replay: for (const path of paths) {
    const device = startMachine(run.logic, run.input as never);
    const check = (modelSnapshot: SnapshotFrom<TLogic>) => {
      const real = device.snapshot();
      const [actual, expected] = [real, modelSnapshot] as unknown as AnyMachineSnapshot[];
      expect(actual?.value).toEqual(expected?.value);
      // The walk keeps one state per model context, so past COUNTED_FAILURES its count may not be the path's own.
      expect(modelContext(actual)).toEqual(modelContext(expected));
      const state = run.deriveState(real);
      expect(() => DeviceState.parse(state)).not.toThrow();
      run.invariants(real, state);
    };
    try {
      let before: SnapshotFrom<TLogic> | undefined;
      for (const step of path.steps) {
        const delay = run.delayedEvents?.[step.event.type];
        // Advancing the clock also ends a passcode lockout, which the model (no clock) cannot follow: stop there.
        if (delay !== undefined && (before as AnyMachineSnapshot | undefined)?.context?.lockout)
          continue replay;
        before = step.state;
        if (delay !== undefined) device.clock.advance(delay);
        else if (step.event.type !== 'xstate.init') device.send(step.event as DeviceEvent);
        check(step.state);
      }
      check(path.state);
    } catch (error) {
      const trail = path.steps.map((step) => JSON.stringify(step.event)).join(' -> ');
      throw new Error(`${(error as Error).message}\nalong path: ${trail}`);
    } finally {
      device.stop();
    }
  }
  return paths.length;
}

describe('iOS machine, model-based', () => {
  const events: DeviceEvent[] = [
    { type: 'unlock' },
    { type: 'unlock', passcode: '123456' },
    { type: 'unlock', passcode: '654321' },
    { type: 'unlock', passcode: '000000' },
    { type: 'lock' },
    { type: 'goHome' },
    { type: 'openApp' },
    { type: 'openSettings' },
    { type: 'dismissPrompt' },
    { type: 'setPasscode', passcode: '12' },
    { type: 'setPasscode', passcode: '654321' },
    { type: 'setPasscode', passcode: '654321', currentPasscode: '123456' },
    CLEAR_RIGHT,
    CLEAR_WRONG,
    RESET,
  ];
  const delayedEvents = { 'xstate.after.passcodeGracePeriod.ios.compliance.gracePeriod': PASSCODE_GRACE_MS };

  const cases: Array<[string, Partial<IosInput>]> = [
    [
      'with a policy and a passcode',
      { passcode: '123456', policy: { passcodeRequired: true, minLength: 6 } },
    ],
    ['with a policy and no passcode', { passcode: null, policy: { passcodeRequired: true, minLength: 6 } }],
    ['without a policy', { passcode: '123456', policy: null }],
  ];
  it.each(cases)(
    'keeps compliance, prompt and screen consistent in every reachable state (%s)',
    (_, partial) => {
      const input: IosInput = {
        osVersion: '17.4',
        passcode: null,
        policy: null,
        now: T0,
        unlockToken: 'token',
        ...partial,
      };
      const required = input.policy?.passcodeRequired === true;
      const count = checkEveryReachableState({
        logic: iosMachine,
        input,
        events,
        delayedEvents,
        deriveState: iosStateOf,
        invariants: (snapshot, state) => {
          const passcodeSet = snapshot.context.passcode !== null;
          expect(state.compliant).toBe(!required || passcodeSet);
          expect(state.prompt !== null).toBe(required && !passcodeSet);
          expect(state.prompt?.enforced ?? false).toBe(snapshot.matches({ compliance: 'enforced' }));
          if (state.prompt) expect(Date.parse(state.prompt.deadline)).toBe(T0 + PASSCODE_GRACE_MS);
          expect(state.locked).toBe(state.screen.view === 'lockScreen');
          if (state.locked) expectOnlyPasscodeEntrySaid(snapshot, state);
          expect(state.notifications).toEqual([]);
          if (state.screen.view === 'home')
            expect(required && !passcodeSet && !snapshot.matches({ ui: 'dismissed' })).toBe(false);
          if (!required) expect(state.screen.view).not.toBe('passcodeRequirement');
        },
      });
      expect(count).toBeGreaterThan(5);
    },
  );
});

describe('Android work profile machine, model-based', () => {
  const events: DeviceEvent[] = [
    { type: 'tapNotification', notificationId: SECURE_WORK_PROFILE_NOTIFICATION.id },
    { type: 'enterPasscode', passcode: '135790' },
    { type: 'enterPasscode', passcode: 'Tmp4821' },
    { type: 'enterPasscode', passcode: '000000' },
    { type: 'setPasscode', passcode: '12' },
    { type: 'setPasscode', passcode: '864200' },
    { type: 'setPasscode', passcode: '864200', currentPasscode: '135790' },
    { type: 'setPasscode', passcode: '864200', currentPasscode: 'Tmp4821' },
    { type: 'openApp' },
    { type: 'openApp', app: 'personal' },
    { type: 'openSettings' },
    { type: 'goHome' },
    RESET,
    CLEAR_RIGHT,
  ];
  const policy = { passcodeRequired: true, minLength: 6 };
  const cases: Array<[string, Partial<WorkProfileInput>]> = [
    ['passcode required and set', { passcode: '135790', policy }],
    ['passcode required, none set', { passcode: null, policy }],
    ['passcode required, token already activated', { passcode: '135790', policy, resetTokenActivated: true }],
    ['no passcode requirement', { passcode: '135790', policy: null }],
  ];
  it.each(cases)('shows the notification exactly while the token is inactive (%s)', (_, partial) => {
    const input: WorkProfileInput = { osVersion: '8.1', passcode: null, policy: null, now: T0, ...partial };
    const required = input.policy?.passcodeRequired === true;
    const count = checkEveryReachableState({
      logic: androidWorkProfileMachine,
      input,
      events,
      deriveState: androidWorkProfileStateOf,
      invariants: (snapshot, state) => {
        expect(state.notifications.length > 0).toBe(state.resetToken === 'inactive');
        if (state.screen.view === 'workProfileChallenge') {
          expect(state.resetToken).toBe('inactive');
          expectOnlyPasscodeEntrySaid(snapshot, state);
        }
        expect(state.resetToken === 'none').toBe(!required);
        expect(state.compliant).toBe(!required || snapshot.context.passcode !== null);
        expect(state.workProfilePasscodeSet).toBe(snapshot.context.passcode !== null);
        // A reset locks the work profile only; the device itself never shows a lock screen here.
        expect(state.locked).toBe(false);
        expect(state.workProfileLocked).toBe(
          snapshot.context.mustChangePasscode && state.screen.view !== 'setNewWorkProfilePasscode',
        );
        if (snapshot.context.mustChangePasscode) expect(state.resetToken).toBe('active');
        expect(state.prompt).toBeNull();
      },
    });
    expect(count).toBeGreaterThan(3);
  });
});

describe('basic device machine, model-based', () => {
  const events: DeviceEvent[] = [
    { type: 'unlock' },
    { type: 'unlock', passcode: '1111' },
    { type: 'unlock', passcode: 'Tmp4821' },
    { type: 'unlock', passcode: '0000' },
    { type: 'lock' },
    { type: 'goHome' },
    { type: 'openApp' },
    { type: 'openSettings' },
    { type: 'setPasscode', passcode: '12' },
    { type: 'setPasscode', passcode: '2222' },
    { type: 'setPasscode', passcode: '2222', currentPasscode: '1111' },
    RESET,
    CLEAR_RIGHT,
  ];
  const policy = { passcodeRequired: true, minLength: 4 };
  const cases: Array<[string, Partial<BasicDeviceInput>]> = [
    ["'any' with a passcode", { resetRule: 'any', passcode: '1111', policy }],
    ["'onlyWhenNoneSet' with a passcode", { resetRule: 'onlyWhenNoneSet', passcode: '1111', policy }],
    ["'onlyWhenNoneSet' without a passcode", { resetRule: 'onlyWhenNoneSet', passcode: null, policy }],
    ["'none' with a passcode", { resetRule: 'none', passcode: '1111', policy: null }],
  ];
  it.each(cases)(
    'only lets ResetPassword set the passcode when the reset rule allows it (%s)',
    (_, partial) => {
      const input: BasicDeviceInput = {
        osVersion: '7.1',
        passcode: null,
        policy: null,
        now: T0,
        resetRule: 'none',
        ...partial,
      };
      const count = checkEveryReachableState({
        logic: basicDeviceMachine,
        input,
        events,
        deriveState: basicDeviceStateOf,
        invariants: (snapshot, state) => {
          const { passcode } = snapshot.context;
          if (
            input.resetRule === 'none' ||
            (input.resetRule === 'onlyWhenNoneSet' && input.passcode !== null)
          ) {
            expect(passcode).not.toBe('Tmp4821');
          }
          expect(state.compliant).toBe(!input.policy?.passcodeRequired || passcode !== null);
          expect(state.locked).toBe(state.screen.view === 'lockScreen');
          if (state.locked) expectOnlyPasscodeEntrySaid(snapshot, state);
          expect(state.notifications).toEqual([]);
          expect(state.prompt).toBeNull();
          expect(state.resetToken).toBeNull();
        },
      });
      expect(count).toBeGreaterThan(3);
    },
  );
});
