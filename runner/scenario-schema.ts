// The scenario file: a fleet and the steps to run against it, as one zod schema (the JSON Schema is generated from it).
import { z } from 'zod';
import { DeviceSpec } from '../agents/fleet/fleet-spec.js';
import { ScreenView } from '../shared/device-state.js';
import { GraphFaultRule } from '../shared/graph/graph-fault.js';
import { UserInput } from '../shared/user-input.js';
import { Duration } from './duration.js';

const DeviceName = z.string().min(1).max(100);
const GraphVersion = z.enum(['v1.0', 'beta']);
/** deviceActionResult.actionState, plus `none` when the device has no action yet. */
export const ActionStateExpectation = z.enum([
  'none',
  'pending',
  'canceled',
  'active',
  'done',
  'failed',
  'notSupported',
]);
/** A partial value: objects match when every listed key matches, arrays element by element, the rest by equality. */
const Partial = z.record(z.string(), z.unknown());

/** One device of the scenario's fleet: a fleet file's device, always named (steps refer to it by name), one copy. */
export const ScenarioDevice = DeviceSpec.omit({ count: true, name: true, online: true }).extend({
  name: DeviceName,
});

const ResetPasscodeStep = z.strictObject({
  /** Graph POST .../managedDevices/{id}/resetPasscode, as the admin; the status is kept for `expect.status`. */
  resetPasscode: z.union([
    DeviceName,
    z.strictObject({ device: DeviceName, api: GraphVersion.default('v1.0') }),
  ]),
});

const ReadDeviceStep = z.strictObject({
  /** Graph GET .../managedDevices/{id}; `expect` is a partial managedDevice, waited for like an expect step. */
  readDevice: z.strictObject({
    device: DeviceName,
    api: GraphVersion.default('v1.0'),
    select: z.string().min(1).optional(),
    expect: Partial.optional(),
    within: Duration.optional(),
  }),
});

const ReadDeviceActionsStep = z.strictObject({
  /** Graph GET /beta/deviceManagement/remoteActionAudits (Device actions); `expect` matches the device's latest. */
  readDeviceActions: z.strictObject({
    device: DeviceName,
    expect: Partial.optional(),
    within: Duration.optional(),
  }),
});

const InputStep = z.strictObject({
  /** Acts as the device's user through POST /sim/devices/{id}/input. */
  input: z.strictObject({
    device: DeviceName,
    do: UserInput,
    /** `refused` expects the device to refuse the input (409); `reason` must then appear in its reason. */
    outcome: z.enum(['accepted', 'refused']).default('accepted'),
    reason: z.string().min(1).optional(),
  }),
});

const ClockStep = z.strictObject({
  /** Moves the simulated clock forward, sets its speed, or both. */
  clock: z
    .strictObject({ advance: Duration.optional(), speed: z.number().min(0).max(100_000).optional() })
    .refine((clock) => clock.advance !== undefined || clock.speed !== undefined, {
      message: 'Give advance, speed, or both.',
    }),
});

const FaultStep = z.strictObject({
  /** Injects a fault into one device's agent (shared/faults.ts); `offline.for` is a simulated duration. */
  fault: z.discriminatedUnion('kind', [
    z.strictObject({
      device: DeviceName,
      kind: z.literal('notNow'),
      times: z.number().int().min(1).max(1000).default(1),
    }),
    z.strictObject({ device: DeviceName, kind: z.literal('dropConnectionOnCommand') }),
    z.strictObject({
      device: DeviceName,
      kind: z.literal('latency'),
      ms: z.number().int().min(0).max(10_000),
    }),
    z.strictObject({ device: DeviceName, kind: z.literal('offline'), for: Duration.optional() }),
    z.strictObject({ device: DeviceName, kind: z.literal('online') }),
  ]),
});
export type FaultStep = z.infer<typeof FaultStep>['fault'];

const GraphFaultStep = z.strictObject({
  /**
   * An admin-side fault (POST /sim/graph-faults): the next matching Graph requests answer 429/500/503/504 or are
   * held; `clear` removes every fault rule.
   */
  graphFault: z.union([z.literal('clear'), GraphFaultRule]),
});

const RestartAgentsStep = z.strictObject({
  /** Stops these devices' agents (or all) and starts new agent objects with the same identity. */
  restartAgents: z.union([z.literal('all'), z.array(DeviceName).min(1)]),
});

const RestartServerStep = z.strictObject({
  /** Closes the server and starts a new one on the same port, replaying its store journal (in-process only). */
  restartServer: z.literal(true),
});

export const ExpectStep = z.strictObject({
  expect: z
    .strictObject({
      device: DeviceName.optional(),
      /** How far the simulated clock may be advanced while waiting; 0 (default) only waits on events. */
      within: Duration.optional(),
      /** The HTTP status of the previous admin (Graph) step. */
      status: z.number().int().min(100).max(599).optional(),
      /** The Graph error code of the previous admin step, such as BadRequest. */
      errorCode: z.string().min(1).optional(),
      screen: ScreenView.optional(),
      connected: z.boolean().optional(),
      compliant: z.boolean().optional(),
      /** A partial device state (shared/device-state.ts). */
      state: Partial.optional(),
      /** The state of the device's latest Remove passcode action. */
      action: ActionStateExpectation.optional(),
      /** Whether the admin can read a temporary passcode on the latest action. */
      temporaryPasscode: z.boolean().optional(),
      /** The device's errorCode on the latest action (null for none). */
      actionErrorCode: z.number().int().nullable().optional(),
    })
    .refine(
      (expect) =>
        expect.device !== undefined ||
        Object.keys(expect).every((key) => ['status', 'errorCode', 'within'].includes(key)),
      { message: 'Name the device these expectations are about.', path: ['device'] },
    ),
});

/** Each step is an object with one key naming its kind; the order here is the order of `Step`'s options. */
export const STEP_KINDS = [
  'resetPasscode',
  'readDevice',
  'readDeviceActions',
  'input',
  'clock',
  'fault',
  'graphFault',
  'restartAgents',
  'restartServer',
  'expect',
] as const;

export const Step = z.union([
  ResetPasscodeStep,
  ReadDeviceStep,
  ReadDeviceActionsStep,
  InputStep,
  ClockStep,
  FaultStep,
  GraphFaultStep,
  RestartAgentsStep,
  RestartServerStep,
  ExpectStep,
]);
export type Step = z.infer<typeof Step>;

export const Scenario = z.strictObject({
  name: z.string().min(1).max(200),
  description: z.string().optional(),
  /** Which edition of the support matrix the server uses (in-process only). */
  supportEdition: z.enum(['2018-03', 'current']).optional(),
  fleet: z.array(ScenarioDevice).min(1).max(500),
  steps: z.array(Step).min(1),
});
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioDevice = z.infer<typeof ScenarioDevice>;
