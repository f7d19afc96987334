// One emulated device: the platform machine chosen for its enrollment, with a uniform face for the runtime.
import type { AnyStateMachine, InputFrom, SnapshotFrom } from 'xstate';
import type { Clock } from '../../lib/controllable-clock.js';
import type { CommandRequest, CommandResult } from '../../shared/commands.js';
import type { DeviceState } from '../../shared/device-state.js';
import type { EnrollmentKind } from '../../shared/enrollment.js';
import { compareVersions, operatingSystemOf } from '../../shared/enrollment.js';
import type { PasscodePolicy } from '../../shared/policy.js';
import {
  DEFAULT_SUPPORT_EDITION,
  resetTokenAvailable,
  type SupportEdition,
} from '../../shared/support-matrix.js';
import type { UserInput } from '../../shared/user-input.js';
import type { DeviceSpec } from '../fleet/fleet-spec.js';
import { androidWorkProfileMachine } from '../machines/android-work-profile.js';
import { basicDeviceMachine, type PasscodeResetRule } from '../machines/basic-device.js';
import { type CommandAnswer, commandFormatError, type RestoredLockout } from '../machines/device-events.js';
import { IOS_OWN_INPUT_FIELDS, iosMachine } from '../machines/ios.js';
import { LOCKOUT_ENDED, type PasscodeEntryContext } from '../machines/passcode-entry.js';
import { androidWorkProfileStateOf, basicDeviceStateOf, iosStateOf } from '../screen/device-state-of.js';
import type { KeptCredential } from './credential-store.js';
import { type SnapshotObserver, SnapshotRun } from './snapshot-runner.js';

export interface DeviceSetup {
  enrollment: EnrollmentKind;
  osVersion: string;
  passcode: string | null;
  policy: PasscodePolicy | null;
  resetTokenActivated: boolean;
  /** iOS: the unlock token the device itself holds. */
  unlockToken: string;
  /** The model the device reports (the fleet entry's, else its enrollment's default), for what it calls itself. */
  model?: string;
  now: number;
  /** Wrong passcodes and a lockout kept from before the agents restarted. */
  lockout?: DeviceLockout;
  /** The passcode and reset token kept from before the agents restarted, where they changed since the fleet file. */
  credential?: KeptCredential;
  /** The support matrix's edition, whose Company Portal the device runs (a work profile's reset token). */
  supportEdition: SupportEdition;
}

/** What a device kept on its disk before the agents restarted (agents/runtime/lockout-store.ts, credential-store.ts). */
export interface KeptDeviceState {
  lockout?: DeviceLockout | undefined;
  credential?: KeptCredential | undefined;
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

/**
 * The setup of a fleet file's device entry, for the device whose unlock token is `unlockToken`, at `now`, with what it
 * kept from before a restart if anything. A device keeps its setup for life: one literal, one shape for the whole fleet.
 */
export function deviceSetupOf(
  entry: DeviceSpec,
  unlockToken: string,
  now: number,
  kept: KeptDeviceState = {},
  supportEdition: SupportEdition = DEFAULT_SUPPORT_EDITION,
): DeviceSetup {
  return {
    enrollment: entry.enrollment,
    osVersion: entry.osVersion,
    passcode: entry.passcode,
    policy: entry.policy,
    resetTokenActivated: entry.resetTokenActivated,
    unlockToken,
    model: entry.model,
    now,
    lockout: kept.lockout,
    credential: kept.credential,
    supportEdition,
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
   * Tells of every change of the passcode or the reset token, so they can be kept across a restart; null when the
   * simulator's reset put the device back as its fleet file started it.
   */
  onCredentialChange(listener: (credential: KeptCredential | null) => void): void;
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
  if (enrollment === 'androidFullyManaged') return 'whenPasscodeRequired';
  if (enrollment === 'androidDeviceAdministrator') {
    return compareVersions(osVersion, '7.0') < 0 ? 'any' : 'onlyWhenNoneSet';
  }
  return 'none';
}

/** What a device starts from besides its fleet file entry: what it kept before a restart (none after a reset). */
interface Restored {
  lockout: RestoredLockout | undefined;
  credential: KeptCredential | undefined;
}

/**
 * A device's machine input at simulated time `now`, from its setup. One object literal per machine, not a spread of a
 * shared part: V8 gives each object spread at a site that has seen many shapes a hidden class of its own (about 300
 * bytes per device of a fleet, and every read of an input megamorphic).
 */
type InputOf<TLogic extends AnyStateMachine> = (
  setup: DeviceSetup,
  now: number,
  restored: Restored | undefined,
) => InputFrom<TLogic>;

const passcodeOf = (setup: DeviceSetup, restored: Restored | undefined): string | null =>
  restored?.credential ? restored.credential.passcode : setup.passcode;

const iosInputOf: InputOf<typeof iosMachine> = (setup, now, restored) => ({
  osVersion: setup.osVersion,
  passcode: passcodeOf(setup, restored),
  policy: setup.policy,
  now,
  graceDeadline: restored?.credential?.passcodeDeadline ?? null,
  restoredLockout: restored?.lockout,
  unlockToken: setup.unlockToken,
  userEnrollment: setup.enrollment === 'iosUserEnrollment',
  product: setup.model?.startsWith('iPad') ? 'iPad' : 'iPhone',
});

const workProfileInputOf: InputOf<typeof androidWorkProfileMachine> = (setup, now, restored) => ({
  osVersion: setup.osVersion,
  passcode: passcodeOf(setup, restored),
  policy: setup.policy,
  now,
  restoredLockout: restored?.lockout,
  resetTokenActivated: restored?.credential
    ? restored.credential.resetTokenActive
    : setup.resetTokenActivated,
  mustChangePasscode: restored?.credential?.mustChangePasscode ?? false,
  resetTokenAvailable: resetTokenAvailable(setup.supportEdition, setup.osVersion),
});

const basicDeviceInputOf: InputOf<typeof basicDeviceMachine> = (setup, now, restored) => ({
  osVersion: setup.osVersion,
  passcode: passcodeOf(setup, restored),
  policy: setup.policy,
  now,
  restoredLockout: restored?.lockout,
  resetRule: resetRuleFor(setup.enrollment, setup.osVersion),
  operatingSystem: operatingSystemOf[setup.enrollment],
});

/** A device machine running on a clock (one snapshot, no actor), with what it emits collected per event sent. */
export class MachineRun<TLogic extends AnyStateMachine> extends SnapshotRun<TLogic> {
  /** Sends an MDM command and returns its answer; a machine that emits none answers CommandFormatError. */
  runCommand(commandId: string, request: CommandRequest, now: number): CommandResult {
    const emitted = this.send({ type: 'command', commandId, request, now });
    const answer =
      emitted.find((e): e is CommandAnswer => e.type === 'result') ?? commandFormatError(commandId);
    return answer.result;
  }
}

/** Each machine's own input fields (the device's own values, that decide nothing while it starts), if it has any. */
const OWN_INPUT_FIELDS: ReadonlyMap<AnyStateMachine, readonly string[]> = new Map([
  [iosMachine, IOS_OWN_INPUT_FIELDS],
]);

/** The runtime's glue between a machine and the agent (and the machine tests, which drive this same glue). */
export function runMachine<TLogic extends AnyStateMachine>(
  logic: TLogic,
  input: InputFrom<TLogic>,
  clock: Clock,
): MachineRun<TLogic> {
  return new MachineRun(logic, input, clock, OWN_INPUT_FIELDS.get(logic));
}

/** A device on its machine; a class, so a fleet of them costs their fields, not a set of closures each. */
class MachineDevice<TLogic extends AnyStateMachine> implements EmulatedDevice, SnapshotObserver {
  private listeners: Array<(state: DeviceState) => void> = [];
  private lockoutListeners: Array<(lockout: DeviceLockout) => void> | undefined;
  private credentialListeners: Array<(credential: KeptCredential | null) => void> | undefined;
  /** The credential last told to the credential listeners (read once the first of them listens). */
  private credential: KeptCredential | undefined;
  /** The count and lockout last told to the lockout listeners. */
  private lockout: DeviceLockout;
  /** A kept lockout's length, started over by resumeLockout. */
  private lockoutToResume: number | null;
  private run: MachineRun<TLogic>;
  // A snapshot is immutable, so its screen is computed once however many listeners and reports ask for it.
  private viewedSnapshot: unknown;
  private viewedState: DeviceState | undefined;

  constructor(
    private readonly logic: TLogic,
    private readonly inputOf: InputOf<TLogic>,
    private readonly setup: DeviceSetup,
    private readonly stateOf: (snapshot: SnapshotFrom<TLogic>) => DeviceState,
    private readonly clock: Clock,
  ) {
    const kept = setup.lockout ?? NO_LOCKOUT;
    this.lockout = kept;
    this.lockoutToResume = kept.lockoutMs !== null && kept.lockout !== null ? kept.lockoutMs : null;
    const restoredLockout =
      kept === NO_LOCKOUT
        ? undefined
        : { failedAttempts: kept.failedAttempts, lockout: kept.lockoutMs === null ? null : kept.lockout };
    const restored =
      restoredLockout || setup.credential
        ? { lockout: restoredLockout, credential: setup.credential }
        : undefined;
    this.run = this.follow(runMachine(logic, inputOf(setup, setup.now, restored), clock));
  }

  /** Tells the listeners of every change of this run, for as long as it is the device's current one. */
  private follow(run: MachineRun<TLogic>): MachineRun<TLogic> {
    run.observer = this;
    return run;
  }

  /** Keeps what the device keeps on its disk before it tells anyone of its new state, as a phone does. */
  machineChanged(): void {
    this.noteLockout();
    this.noteCredential();
    for (const listener of this.listeners) listener(this.state());
  }

  /** The device's passcode, reset token and passcode deadline as they stand. */
  private currentCredential(): KeptCredential {
    const { context } = this.run.snapshot() as unknown as {
      context: { passcode: string | null; mustChangePasscode?: boolean; graceDeadline?: number | null };
    };
    return {
      passcode: context.passcode,
      resetTokenActive: this.state().resetToken === 'active',
      mustChangePasscode: context.mustChangePasscode ?? false,
      passcodeDeadline: context.graceDeadline ?? null,
    };
  }

  /** Notes a change of the passcode or the reset token (only while someone listens: a fleet without a store pays none). */
  private noteCredential(): void {
    if (this.credentialListeners === undefined) return;
    const current = this.currentCredential();
    const known = this.credential;
    if (
      known &&
      current.passcode === known.passcode &&
      current.resetTokenActive === known.resetTokenActive &&
      current.mustChangePasscode === known.mustChangePasscode &&
      current.passcodeDeadline === (known.passcodeDeadline ?? null)
    ) {
      return;
    }
    this.credential = current;
    for (const listener of this.credentialListeners) listener(current);
  }

  /** Notes a change of the count or the lockout; a lockout's length comes with the refusal that started it. */
  private noteLockout(lockoutMs?: number): void {
    const { context } = this.run.snapshot() as unknown as { context: PasscodeEntryContext };
    const known = this.lockout;
    if (context.failedAttempts === known.failedAttempts && context.lockout === known.lockout) return;
    // A lockout just begun is noted once applyInput has its length.
    if (context.lockout !== null && known.lockout === null && lockoutMs === undefined) return;
    this.lockout = {
      failedAttempts: context.failedAttempts,
      lockout: context.lockout,
      lockoutMs: context.lockout === null ? null : (lockoutMs ?? known.lockoutMs),
    };
    for (const listener of this.lockoutListeners ?? []) listener(this.lockout);
  }

  state(): DeviceState {
    const snapshot = this.run.snapshot();
    if (this.viewedState === undefined || this.viewedSnapshot !== snapshot) {
      this.viewedSnapshot = snapshot;
      this.viewedState = this.stateOf(snapshot);
    }
    return this.viewedState;
  }

  runCommand(commandId: string, request: CommandRequest, now: number): CommandResult {
    return this.run.runCommand(commandId, request, now);
  }

  applyInput(userInput: UserInput): InputOutcome {
    // Widened: every machine takes the shared DeviceEvent.
    if (!(this.run.snapshot() as SnapshotFrom<AnyStateMachine>).can(userInput)) {
      return this.refusalOf(userInput);
    }
    const refusal = this.run.send(userInput).find((e) => e.type === 'refused');
    this.noteLockout(refusal?.type === 'refused' ? refusal.lockoutMs : undefined);
    return refusal?.type === 'refused' ? { accepted: false, reason: refusal.reason } : { accepted: true };
  }

  /** Why an input the current screen does not take is refused, or nothing to refuse (Home pressed on Home). */
  private refusalOf(userInput: UserInput): InputOutcome {
    const { screen, notifications } = this.state();
    // A phone's Home button on its Home screen does nothing, and says nothing.
    if (userInput.type === 'goHome' && screen.view === 'home') return { accepted: true };
    if (
      userInput.type === 'tapNotification' &&
      !notifications.some((n) => n.id === userInput.notificationId)
    ) {
      return { accepted: false, reason: `The device shows no notification "${userInput.notificationId}".` };
    }
    return {
      accepted: false,
      reason: `The device cannot take "${userInput.type}" on the screen "${screen.title}".`,
    };
  }

  // Concatenated, not pushed: a push (or a spread) into an empty array makes room for 17, and every device of a fleet
  // keeps one listener of each kind.
  onStateChange(listener: (state: DeviceState) => void): void {
    this.listeners = this.listeners.concat(listener);
  }

  onLockoutChange(listener: (lockout: DeviceLockout) => void): void {
    this.lockoutListeners = (this.lockoutListeners ?? []).concat(listener);
  }

  onCredentialChange(listener: (credential: KeptCredential | null) => void): void {
    const first = this.credentialListeners === undefined;
    // What is on disk already: the kept credential, or the fleet file's start, which holds no deadline. A deadline the
    // start set (a passcode owed from enrollment) is told at once, so a restart keeps counting down to it.
    this.credential ??= this.setup.credential ?? { ...this.currentCredential(), passcodeDeadline: null };
    this.credentialListeners = (this.credentialListeners ?? []).concat(listener);
    if (first) this.noteCredential();
  }

  resumeLockout(): void {
    if (this.lockoutToResume === null) return;
    // On the machine's own timers, under the id its actions cancel: an admin's reset ends the kept lockout too.
    this.run.schedule({ type: LOCKOUT_ENDED }, this.lockoutToResume, LOCKOUT_ENDED);
    this.lockoutToResume = null;
  }

  reset(now: number): void {
    this.run.stop();
    // The simulator's reset puts the device back as the fleet file started it: nothing kept from a restart either.
    this.run = this.follow(runMachine(this.logic, this.inputOf(this.setup, now, undefined), this.clock));
    if (this.credentialListeners) {
      this.credential = this.currentCredential();
      for (const listener of this.credentialListeners) listener(null);
    }
    this.machineChanged();
  }

  stop(): void {
    this.run.stop();
  }
}

function emulate<TLogic extends AnyStateMachine>(
  logic: TLogic,
  inputOf: InputOf<TLogic>,
  setup: DeviceSetup,
  stateOf: (snapshot: SnapshotFrom<TLogic>) => DeviceState,
  clock: Clock,
): EmulatedDevice {
  return new MachineDevice(logic, inputOf, setup, stateOf, clock);
}

/** Chooses the machine for a device's enrollment kind and starts it. */
export function startEmulatedDevice(setup: DeviceSetup, clock: Clock): EmulatedDevice {
  switch (setup.enrollment) {
    case 'iosDeviceEnrollment':
    case 'iosUserEnrollment':
      return emulate(iosMachine, iosInputOf, setup, iosStateOf, clock);
    case 'androidWorkProfile':
      return emulate(androidWorkProfileMachine, workProfileInputOf, setup, androidWorkProfileStateOf, clock);
    case 'androidDeviceAdministrator':
    case 'androidFullyManaged':
    case 'macOS':
    case 'windows':
      return emulate(basicDeviceMachine, basicDeviceInputOf, setup, basicDeviceStateOf, clock);
  }
}
