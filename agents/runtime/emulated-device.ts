// One emulated device: the platform machine chosen for its enrollment, with a uniform face for the runtime.
import { type AnyStateMachine, createActor, type InputFrom, type SnapshotFrom } from 'xstate';
import type { Clock } from '../../lib/controllable-clock.js';
import type { CommandRequest, CommandResult } from '../../shared/commands.js';
import type { DeviceState } from '../../shared/device-state.js';
import type { EnrollmentKind } from '../../shared/enrollment.js';
import { compareVersions } from '../../shared/enrollment.js';
import type { PasscodePolicy } from '../../shared/policy.js';
import type { UserInput } from '../../shared/user-input.js';
import { androidWorkProfileMachine } from '../machines/android-work-profile.js';
import { basicDeviceMachine, type PasscodeResetRule } from '../machines/basic-device.js';
import {
  type CommandAnswer,
  commandFormatError,
  type DeviceEmitted,
  type DeviceEvent,
} from '../machines/device-events.js';
import { iosMachine } from '../machines/ios.js';
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
}

export type InputOutcome = { accepted: true } | { accepted: false; reason: string };

export interface EmulatedDevice {
  state(): DeviceState;
  /** Runs an MDM command and returns the device's answer. */
  runCommand(commandId: string, request: CommandRequest, now: number): CommandResult;
  /** Acts as the user; an input the current screen cannot take is refused with the reason. */
  applyInput(input: UserInput): InputOutcome;
  onStateChange(listener: (state: DeviceState) => void): void;
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

function emulate<TLogic extends AnyStateMachine>(
  logic: TLogic,
  input: InputFrom<TLogic>,
  stateOf: (snapshot: SnapshotFrom<TLogic>) => DeviceState,
  clock: Clock,
): EmulatedDevice {
  // The three machines share DeviceEvent; widening here keeps one runtime for all of them.
  const listeners: Array<(state: DeviceState) => void> = [];
  let lastEmitted: DeviceEmitted[] = [];
  const start = (machineInput: InputFrom<TLogic>) => {
    const started = createActor(logic as AnyStateMachine, { input: machineInput, clock });
    started.on('*', (emitted: DeviceEmitted) => {
      lastEmitted.push(emitted);
    });
    started.subscribe(() => {
      if (actor === started) for (const listener of listeners) listener(stateOf(snapshotOf()));
    });
    return started;
  };
  let actor = start(input);
  const snapshotOf = () => actor.getSnapshot() as SnapshotFrom<TLogic>;
  const sendCollecting = (event: DeviceEvent): DeviceEmitted[] => {
    lastEmitted = [];
    actor.send(event);
    const collected = lastEmitted;
    lastEmitted = [];
    return collected;
  };
  actor.start();
  return {
    state: () => stateOf(snapshotOf()),
    runCommand(commandId, request, now) {
      const emitted = sendCollecting({ type: 'command', commandId, request, now });
      const answer =
        emitted.find((e): e is CommandAnswer => e.type === 'result') ?? commandFormatError(commandId);
      return answer.result;
    },
    applyInput(userInput) {
      const snapshot = actor.getSnapshot();
      if (!snapshot.can(userInput)) {
        return {
          accepted: false,
          reason: `The device cannot take "${userInput.type}" on the ${stateOf(snapshotOf()).screen.title} screen.`,
        };
      }
      const refusal = sendCollecting(userInput).find((e) => e.type === 'refused');
      return refusal?.type === 'refused' ? { accepted: false, reason: refusal.reason } : { accepted: true };
    },
    onStateChange(listener) {
      listeners.push(listener);
    },
    reset(now) {
      actor.stop();
      actor = start({ ...input, now });
      actor.start();
      for (const listener of listeners) listener(stateOf(snapshotOf()));
    },
    stop: () => actor.stop(),
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
      );
    case 'androidWorkProfile':
      return emulate(
        androidWorkProfileMachine,
        { ...base, resetTokenActivated: setup.resetTokenActivated },
        androidWorkProfileStateOf,
        clock,
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
      );
  }
}
