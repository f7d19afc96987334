// One emulated device: the platform machine chosen for its enrollment, with a uniform face for the runtime.
import { type Actor, type AnyStateMachine, createActor, type InputFrom, type SnapshotFrom } from 'xstate';
import type { Clock } from '../../lib/controllable-clock.js';
import type { CommandRequest, CommandResult } from '../../shared/commands.js';
import type { DeviceState } from '../../shared/device-state.js';
import type { EnrollmentKind } from '../../shared/enrollment.js';
import { compareVersions } from '../../shared/enrollment.js';
import type { PasscodePolicy } from '../../shared/policy.js';
import type { UserInput } from '../../shared/user-input.js';
import type { DeviceSpec } from '../fleet/fleet-spec.js';
import { androidWorkProfileMachine } from '../machines/android-work-profile.js';
import { basicDeviceMachine, type PasscodeResetRule } from '../machines/basic-device.js';
import {
  type CommandAnswer,
  commandFormatError,
  type DeviceEmitted,
  type DeviceEvent,
} from '../machines/device-events.js';
import { iosMachine } from '../machines/ios.js';
import type { PasscodeEntryContext } from '../machines/passcode-entry.js';
import { LOCKOUT_ENDED } from '../machines/passcode-entry.js';
import { androidWorkProfileStateOf, basicDeviceStateOf, iosStateOf } from '../screen/device-state-of.js';

export interface DeviceSetup {
  enrollment: EnrollmentKind;
  osVersion: string;
  passcode: string | null;
  policy: PasscodePolicy | null;
  resetTokenActivated: boolean;
  /** iOS: the unlock token the device itself holds. */
  unlockToken: string;
  now: number;
  /** Wrong passcodes and a lockout kept from before the agents restarted. */
  lockout?: DeviceLockout;
}

/** Passcode entry's failure count and lockout, as kept across restarts (agents/runtime/lockout-store.ts). */
export interface DeviceLockout {
  failedAttempts: number;
  /** The lockout message, or null when passcode entry is open. */
  lockout: string | null;
  /** The lockout's length (simulated ms), or null. */
  lockoutMs: number | null;
}

const NO_LOCKOUT: DeviceLockout = { failedAttempts: 0, lockout: null, lockoutMs: null };

/** The setup of a fleet file's device entry, for the device whose unlock token is `unlockToken`, at `now`. */
export function deviceSetupOf(entry: DeviceSpec, unlockToken: string, now: number): DeviceSetup {
  return {
    enrollment: entry.enrollment,
    osVersion: entry.osVersion,
    passcode: entry.passcode,
    policy: entry.policy,
    resetTokenActivated: entry.resetTokenActivated,
    unlockToken,
    now,
  };
}

export type InputOutcome = { accepted: true } | { accepted: false; reason: string };

export interface EmulatedDevice {
  state(): DeviceState;
  /** Runs an MDM command and returns the device's answer. */
  runCommand(commandId: string, request: CommandRequest, now: number): CommandResult;
  /** Acts as the user; an input the current screen cannot take is refused with the reason. */
  applyInput(input: UserInput): InputOutcome;
  onStateChange(listener: (state: DeviceState) => void): void;
  /** Tells of every change of the failure count or the lockout, so they can be kept across a restart. */
  onLockoutChange(listener: (lockout: DeviceLockout) => void): void;
  /**
   * Starts a kept lockout's period over, as a phone does when restarted during one (Apple Platform Security; AOSP
   * Gatekeeper): call once the clock has the simulation's time. Does nothing without a kept lockout.
   */
  resumeLockout(): void;
  /** Puts the device back as the fleet file started it (the simulator's reset), at simulated time `now`. */
  reset(now: number): void;
  stop(): void;
}

function resetRuleFor(enrollment: EnrollmentKind, osVersion: string): PasscodeResetRule {
  if (enrollment === 'androidFullyManaged') return 'any';
  if (enrollment === 'androidDeviceAdministrator') {
    return compareVersions(osVersion, '7.0') < 0 ? 'any' : 'onlyWhenNoneSet';
  }
  return 'none';
}

/** A device machine running as an actor on a clock, with what it emits collected per event sent. */
export interface MachineRun<TLogic extends AnyStateMachine> {
  actor: Actor<TLogic>;
  /** Sends one event and returns what the machine emitted while handling it. */
  send(event: DeviceEvent): DeviceEmitted[];
  /** Sends an MDM command and returns its answer; a machine that emits none answers CommandFormatError. */
  runCommand(commandId: string, request: CommandRequest, now: number): CommandResult;
}

/** The runtime's glue between a machine and the agent (and the machine tests, which drive this same glue). */
export function runMachine<TLogic extends AnyStateMachine>(
  logic: TLogic,
  input: InputFrom<TLogic>,
  clock: Clock,
): MachineRun<TLogic> {
  // The three machines share DeviceEvent; widening here keeps one runtime for all of them.
  const actor = createActor(logic as AnyStateMachine, { input, clock }) as unknown as Actor<TLogic>;
  let lastEmitted: DeviceEmitted[] = [];
  actor.on('*', (emitted: DeviceEmitted) => {
    lastEmitted.push(emitted);
  });
  const send = (event: DeviceEvent): DeviceEmitted[] => {
    lastEmitted = [];
    actor.send(event as never);
    const collected = lastEmitted;
    lastEmitted = [];
    return collected;
  };
  actor.start();
  return {
    actor,
    send,
    runCommand(commandId, request, now) {
      const emitted = send({ type: 'command', commandId, request, now });
      const answer =
        emitted.find((e): e is CommandAnswer => e.type === 'result') ?? commandFormatError(commandId);
      return answer.result;
    },
  };
}

function emulate<TLogic extends AnyStateMachine>(
  logic: TLogic,
  input: InputFrom<TLogic>,
  stateOf: (snapshot: SnapshotFrom<TLogic>) => DeviceState,
  clock: Clock,
  kept: DeviceLockout = NO_LOCKOUT,
): EmulatedDevice {
  const listeners: Array<(state: DeviceState) => void> = [];
  const lockoutListeners: Array<(lockout: DeviceLockout) => void> = [];
  const restoredLockout = {
    failedAttempts: kept.failedAttempts,
    lockout: kept.lockoutMs === null ? null : kept.lockout,
  };
  let lockout = kept;
  let lockoutToResume = kept.lockoutMs !== null && kept.lockout !== null ? kept.lockoutMs : null;
  let run = runMachine(logic, kept === NO_LOCKOUT ? input : { ...input, restoredLockout }, clock);
  const snapshotOf = () => run.actor.getSnapshot() as SnapshotFrom<TLogic>;
  /** Notes a change of the count or the lockout; a lockout's length comes with the refusal that started it. */
  const noteLockout = (lockoutMs?: number) => {
    const { context } = snapshotOf() as unknown as { context: PasscodeEntryContext };
    if (context.failedAttempts === lockout.failedAttempts && context.lockout === lockout.lockout) return;
    // A lockout just begun is noted once applyInput has its length.
    if (context.lockout !== null && lockout.lockout === null && lockoutMs === undefined) return;
    lockout = {
      failedAttempts: context.failedAttempts,
      lockout: context.lockout,
      lockoutMs: context.lockout === null ? null : (lockoutMs ?? lockout.lockoutMs),
    };
    for (const listener of lockoutListeners) listener(lockout);
  };
  // A snapshot is immutable, so its screen is computed once however many listeners and reports ask for it.
  let viewed: { snapshot: unknown; state: DeviceState } | undefined;
  const currentState = (): DeviceState => {
    const snapshot = snapshotOf();
    if (viewed?.snapshot !== snapshot) viewed = { snapshot, state: stateOf(snapshot) };
    return viewed.state;
  };
  /** Tells the listeners of every change of this run, for as long as it is the device's current one. */
  const follow = (current: MachineRun<TLogic>) =>
    current.actor.subscribe(() => {
      if (run !== current) return;
      for (const listener of listeners) listener(currentState());
      noteLockout();
    });
  follow(run);
  return {
    state: currentState,
    runCommand: (commandId, request, now) => run.runCommand(commandId, request, now),
    applyInput(userInput) {
      // Widened as in runMachine: every machine takes the shared DeviceEvent.
      if (!(run.actor as Actor<AnyStateMachine>).getSnapshot().can(userInput)) {
        return {
          accepted: false,
          reason: `The device cannot take "${userInput.type}" on the ${currentState().screen.title} screen.`,
        };
      }
      const refusal = run.send(userInput).find((e) => e.type === 'refused');
      noteLockout(refusal?.type === 'refused' ? refusal.lockoutMs : undefined);
      return refusal?.type === 'refused' ? { accepted: false, reason: refusal.reason } : { accepted: true };
    },
    onStateChange(listener) {
      listeners.push(listener);
    },
    onLockoutChange(listener) {
      lockoutListeners.push(listener);
    },
    resumeLockout() {
      if (lockoutToResume === null) return;
      const resumed = run;
      clock.setTimeout(() => {
        if (run === resumed) resumed.send({ type: LOCKOUT_ENDED });
      }, lockoutToResume);
      lockoutToResume = null;
    },
    reset(now) {
      run.actor.stop();
      // The simulator's reset puts the device back as the fleet file started it: no kept lockout either.
      run = runMachine(logic, { ...input, now }, clock);
      follow(run);
      for (const listener of listeners) listener(currentState());
      noteLockout();
    },
    stop: () => run.actor.stop(),
  };
}

/** Chooses the machine for a device's enrollment kind and starts it. */
export function startEmulatedDevice(setup: DeviceSetup, clock: Clock): EmulatedDevice {
  const base = { osVersion: setup.osVersion, passcode: setup.passcode, policy: setup.policy, now: setup.now };
  switch (setup.enrollment) {
    case 'iosDeviceEnrollment':
    case 'iosUserEnrollment':
      return emulate(
        iosMachine,
        {
          ...base,
          unlockToken: setup.unlockToken,
          userEnrollment: setup.enrollment === 'iosUserEnrollment',
        },
        iosStateOf,
        clock,
        setup.lockout,
      );
    case 'androidWorkProfile':
      return emulate(
        androidWorkProfileMachine,
        { ...base, resetTokenActivated: setup.resetTokenActivated },
        androidWorkProfileStateOf,
        clock,
        setup.lockout,
      );
    case 'androidDeviceAdministrator':
    case 'androidFullyManaged':
    case 'macOS':
    case 'windows':
      return emulate(
        basicDeviceMachine,
        { ...base, resetRule: resetRuleFor(setup.enrollment, setup.osVersion) },
        basicDeviceStateOf,
        clock,
        setup.lockout,
      );
  }
}
