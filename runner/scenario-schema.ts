// The scenario file: a fleet and the steps to run against it, as one zod schema (the JSON Schema is generated from it).
import { z } from 'zod';
import { DeviceSpecFields, refuseImpossiblePasscode } from '../agents/fleet/fleet-spec.js';
import { DeviceState, ScreenView } from '../shared/device-state.js';
import { GraphFaultRule } from '../shared/graph/graph-fault.js';
import { UserInput } from '../shared/user-input.js';
import { Duration } from './duration.js';
import { devicesIn, MAX_IN_PROCESS_DEVICES, MAX_SCENARIO_DEVICES } from './fleet-limits.js';

const DeviceName = z.string().min(1).max(100).describe("A device of this scenario's fleet, by its `name`.");
const GraphVersion = z
  .enum(['v1.0', 'beta'])
  .describe('The Microsoft Graph version the request goes to (default v1.0).');
/** deviceActionResult.actionState, plus `none` when the device has no action yet. */
export const ActionStateExpectation = z
  .enum(['none', 'pending', 'canceled', 'active', 'done', 'failed', 'notSupported'])
  .describe(
    "The state of the device's latest Remove passcode action (Graph deviceActionResult.actionState), or `none` when it has none.",
  );
/** A partial value: objects match when every listed key matches, arrays element by element, the rest by equality. */
const Partial = z
  .record(z.string(), z.unknown())
  .describe(
    'A partial value: objects match when every listed key matches, arrays element by element (same length), everything else by equality.',
  );

const STATE_DESCRIPTIONS: Record<string, string> = {
  screen: 'The screen in front of the user.',
  'screen.view': 'Which screen the user sees.',
  'screen.title': 'The title on that screen.',
  'screen.message': 'Feedback for the last thing the user did, such as "Wrong passcode" (null for none).',
  locked: 'Whether the device (its lock screen) is locked.',
  passcodeSet: 'Whether the device has a passcode.',
  passcodeKind:
    'Android only: pin when the passcode is digits only, else password (null without a passcode, on iOS and computers).',
  workProfilePasscodeSet:
    'Android work profile only: whether the work profile challenge has a passcode (null elsewhere).',
  resetToken:
    'Android work profile only: the passcode reset token, none, inactive or active (null elsewhere).',
  workProfileLocked:
    'Android work profile only: whether the work profile is locked (after a reset) while the personal side stays usable.',
  notifications: 'The notifications shown, element by element (same length).',
  'notifications.id': 'The notification, as `tapNotification` names it.',
  'notifications.title': 'The notification title.',
  'notifications.body': 'The notification text.',
  prompt: "iOS's passcode requirement prompt, or null when none is shown.",
  'prompt.kind': 'Always passcodeRequirement.',
  'prompt.deadline': 'When the prompt stops being dismissible (simulated time, ISO 8601).',
  'prompt.enforced': 'Whether the deadline has passed, so the user must set a passcode before any app opens.',
  compliant: 'Whether the device meets its passcode policy.',
};

/**
 * A partial device state, typed from shared/device-state.ts: every field optional at every depth, each described, so
 * editors complete and check `state:` and a misspelt field is refused.
 */
function partialState(schema: z.ZodType, path: string): z.ZodType {
  const describe = (inner: z.ZodType) => {
    const description = STATE_DESCRIPTIONS[path];
    if (!description) throw new Error(`No description for state field "${path}".`);
    return inner.describe(description);
  };
  if (schema instanceof z.ZodNullable) {
    return describe(z.nullable(stripDescription(partialState(schema.unwrap() as z.ZodType, path))));
  }
  if (schema instanceof z.ZodArray) {
    return describe(z.array(stripDescription(partialState(schema.element as z.ZodType, path))));
  }
  if (schema instanceof z.ZodObject) {
    const shape = Object.fromEntries(
      Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, field]) => [
        key,
        partialState(field, path ? `${path}.${key}` : key).optional(),
      ]),
    );
    const object = z.strictObject(shape);
    return path ? describe(object) : object;
  }
  return describe(schema);
}
const stripDescription = (schema: z.ZodType) => schema.meta({ description: undefined });

export const StateExpectation = partialState(DeviceState, '').describe(
  'A partial device state (shared/device-state.ts): only the listed fields are compared.',
);

/**
 * One entry of the scenario's fleet: a fleet file's device spec, always named (steps refer to it by name). With
 * `count` over 1 the name must hold `{n}`, which becomes 1, 2, ... count.
 */
export const ScenarioDevice = DeviceSpecFields.omit({ online: true })
  .extend({
    name: z
      .string()
      .min(1)
      .max(100)
      .describe(
        'The device name steps refer to (and its Graph deviceName). With `count` over 1 it must contain `{n}`, replaced by 1, 2, ... count.',
      ),
    count: z
      .number()
      .int()
      .min(1)
      .max(
        MAX_SCENARIO_DEVICES,
        `A scenario runs at most ${MAX_SCENARIO_DEVICES.toLocaleString('en')} devices (each is live, with a socket of its own)`,
      )
      .default(1)
      .describe(
        `How many such devices to run (default 1). Every scenario device is live: at most ${MAX_SCENARIO_DEVICES.toLocaleString('en')} in the whole fleet, ${MAX_IN_PROCESS_DEVICES.toLocaleString('en')} without --server.`,
      ),
  })
  // A fleet file's check, here too, so the problem is reported at the passcode's line before anything runs.
  .superRefine(refuseImpossiblePasscode)
  .refine((device) => device.count === 1 || device.name.includes('{n}'), {
    message:
      'With count over 1 the name must contain {n} (replaced by 1, 2, ... count), so each device has its own name.',
    path: ['name'],
  });

/** The devices one fleet entry stands for: `count` copies, `{n}` in the name numbered from 1. */
export function expandFleet(fleet: readonly ScenarioDevice[]): ScenarioDevice[] {
  return fleet.flatMap((device) =>
    Array.from({ length: device.count }, (_, index) => ({
      ...device,
      name: device.name.replaceAll('{n}', String(index + 1)),
      count: 1,
    })),
  );
}

const Within = Duration.describe(
  'How far the simulated clock may be moved forward while waiting ("30s", "61m", "2h", "1d", or ms). Without it the step only waits on events, in real time.',
);

const ResetPasscodeStep = z.strictObject({
  resetPasscode: z
    .union([DeviceName, z.strictObject({ device: DeviceName, api: GraphVersion.default('v1.0') })])
    .describe(
      'Graph POST .../deviceManagement/managedDevices/{id}/resetPasscode as the admin. The HTTP status and Graph error are kept for the next `expect: { status, errorCode }`.',
    ),
});

const ReadDeviceStep = z.strictObject({
  readDevice: z
    .strictObject({
      device: DeviceName,
      api: GraphVersion.default('v1.0'),
      select: z.string().min(1).optional().describe('An OData $select, such as "id,deviceActionResults".'),
      expect: Partial.optional().describe(
        'A partial managedDevice as Graph returns it; the step waits until it matches (see `within`).',
      ),
      within: Within.optional(),
    })
    .describe('Graph GET .../deviceManagement/managedDevices/{id} as the admin.'),
});

const ReadDeviceActionsStep = z.strictObject({
  readDeviceActions: z
    .strictObject({
      device: DeviceName,
      expect: Partial.optional().describe(
        "A partial remoteActionAudit, matched against the device's latest; the step waits until it matches.",
      ),
      within: Within.optional(),
    })
    .describe('Graph GET /beta/deviceManagement/remoteActionAudits (the Device actions list) as the admin.'),
});

const InputStep = z.strictObject({
  input: z
    .strictObject({
      device: DeviceName,
      do: UserInput.describe(
        'What the user does, by `type`. A passcode of "{temporaryPasscode}" stands for the temporary passcode the admin can read on the latest action.',
      ),
      outcome: z
        .enum(['accepted', 'refused'])
        .default('accepted')
        .describe(
          '`accepted` (default): the device must take the input (200). `refused`: it must refuse it (409 InputRefused).',
        ),
      reason: z
        .string()
        .min(1)
        .optional()
        .describe(
          'With `outcome: refused`: text that must appear in the refusal message (a case-sensitive substring match, e.g. "at least 6").',
        ),
    })
    .describe("Acts as the device's user through POST /sim/devices/{id}/input."),
});

const ClockStep = z.strictObject({
  clock: z
    .strictObject({
      advance: Duration.optional().describe(
        'Moves simulated time forward by this much, firing every timer on the way.',
      ),
      speed: z
        .number()
        .min(0)
        .max(100_000)
        .optional()
        .describe('Simulated ms per real ms from now on: 1 is real time, 0 pauses.'),
    })
    .refine((clock) => clock.advance !== undefined || clock.speed !== undefined, {
      message: 'Give advance, speed, or both.',
    })
    .describe(
      'Moves the simulated clock forward, sets its speed, or both. Against a shared server (--server) this needs --allow-clock, and the report says when it happened.',
    ),
});

const FaultDevice = DeviceName.describe('The device whose agent gets the fault.');
const FaultStep = z.strictObject({
  fault: z
    .discriminatedUnion('kind', [
      z.strictObject({
        device: FaultDevice,
        kind: z.literal('notNow').describe('The device answers NotNow (busy) to the next commands.'),
        times: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .default(1)
          .describe('How many commands get NotNow (default 1).'),
      }),
      z.strictObject({
        device: FaultDevice,
        kind: z
          .literal('dropConnectionOnCommand')
          .describe('The device drops its connection when the next command arrives, before answering.'),
      }),
      z.strictObject({
        device: FaultDevice,
        kind: z
          .literal('latency')
          .describe('The device answers every command this much later, in real time.'),
        ms: z.number().int().min(0).max(10_000).describe('The delay in real milliseconds.'),
      }),
      z.strictObject({
        device: FaultDevice,
        kind: z.literal('offline').describe('The device goes offline (disconnects and stays away).'),
        for: Duration.optional().describe(
          'Comes back after this much simulated time; without it, until `online`.',
        ),
      }),
      z.strictObject({
        device: FaultDevice,
        kind: z.literal('online').describe('An offline device comes back.'),
      }),
    ])
    .describe("Injects a fault into one device's agent (shared/faults.ts)."),
});
export type FaultStep = z.infer<typeof FaultStep>['fault'];

const GraphFaultStep = z.strictObject({
  /**
   * An admin-side fault (POST /sim/graph-faults): the next matching Graph requests answer 429/500/503/504 or are
   * held; `clear` removes every fault rule.
   */
  graphFault: z
    .union([z.literal('clear'), GraphFaultRule])
    .describe(
      'An admin-side Graph fault (POST /sim/graph-faults): the next matching Graph requests answer 429/500/503/504 or are held; `clear` removes every rule.',
    ),
});

const RestartAgentsStep = z.strictObject({
  restartAgents: z
    .union([z.literal('all'), z.array(DeviceName).min(1)])
    .describe(
      "Stops these devices' agents (or `all`) and starts new ones with the same identity; they reconnect and get their pending commands.",
    ),
});

const RestartServerStep = z.strictObject({
  restartServer: z
    .literal(true)
    .describe(
      'Closes the server and starts a new one on the same port, replaying its store journal. Against --server only with --restart-command; otherwise skipped and the scenario reported incomplete.',
    ),
});

export const ExpectStep = z.strictObject({
  expect: z
    .strictObject({
      device: DeviceName.optional().describe(
        'The device the device fields are about (not needed for status/errorCode alone).',
      ),
      within: Within.optional(),
      status: z
        .number()
        .int()
        .min(100)
        .max(599)
        .optional()
        .describe('The HTTP status the previous admin (Graph) step answered, such as 204 or 400.'),
      errorCode: z
        .string()
        .min(1)
        .optional()
        .describe(
          "The Graph error code of the previous admin (Graph) step's answer, error.code such as BadRequest or ResourceNotFound. Not the device's code: that is actionErrorCode.",
        ),
      screen: ScreenView.optional().describe('The screen the user sees (state.screen.view).'),
      connected: z.boolean().optional().describe('Whether the device is connected to the server.'),
      compliant: z.boolean().optional().describe('Whether the device meets its passcode policy.'),
      state: StateExpectation.optional(),
      action: ActionStateExpectation.optional(),
      temporaryPasscode: z
        .boolean()
        .optional()
        .describe('Whether the admin can read a temporary passcode on the latest action (Android).'),
      actionErrorCode: z
        .number()
        .int()
        .nullable()
        .optional()
        .describe(
          "The numeric errorCode the device reported on its latest Remove passcode action, as Graph's resetPasscodeActionResult shows it (null when it reported none). Not the Graph HTTP error: that is errorCode.",
        ),
    })
    .refine(
      (expect) =>
        expect.device !== undefined ||
        Object.keys(expect).every((key) => ['status', 'errorCode', 'within'].includes(key)),
      { message: 'Name the device these expectations are about.', path: ['device'] },
    )
    .describe(
      'Waits until every listed field holds. Fails as soon as it can no longer hold (the latest action is finished in another state), else after the step timeout.',
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

export const Step = z
  .union([
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
  ])
  .describe('One step: an object with exactly one key naming its kind.');
export type Step = z.infer<typeof Step>;

export const Scenario = z.strictObject({
  $schema: z
    .string()
    .optional()
    .describe('The JSON Schema of this file, for editors (ignored by the runner).'),
  name: z.string().min(1).max(200).describe('The scenario name, as reports show it (and --grep matches).'),
  description: z.string().optional().describe('What the scenario shows, for readers.'),
  supportEdition: z
    .enum(['2018-03', 'current'])
    .optional()
    .describe(
      "Which edition of the support matrix applies: 2018-03 (the seed, default) or current. The devices run its Company Portal (an Android work profile's reset token); in-process the server runs it too; against --server it must be the server's wherever it changes a device, else the run stops before its first step.",
    ),
  fleet: z
    .array(ScenarioDevice)
    .min(1)
    .max(500)
    .superRefine((fleet, context) => {
      // An entry over the cap has its own issue; the total is only worth saying when each entry is within it.
      if (fleet.some((entry) => entry.count > MAX_SCENARIO_DEVICES)) return;
      const total = devicesIn(fleet);
      if (total <= MAX_SCENARIO_DEVICES) return;
      // Pointed at the entry that takes the fleet over the cap.
      const over = fleet.findIndex((_, index) => devicesIn(fleet.slice(0, index + 1)) > MAX_SCENARIO_DEVICES);
      context.addIssue({
        code: 'custom',
        path: [over, 'count'],
        message: `The fleet has ${total.toLocaleString('en')} devices in all; a scenario runs at most ${MAX_SCENARIO_DEVICES.toLocaleString('en')} (each is live, with a socket of its own)`,
      });
    })
    .describe(
      `The devices the runner enrolls and runs for this scenario, as in a fleet file, each named: at most ${MAX_SCENARIO_DEVICES.toLocaleString('en')} in all (${MAX_IN_PROCESS_DEVICES.toLocaleString('en')} without --server).`,
    ),
  steps: z
    .array(Step)
    .min(1)
    .describe('What happens, in order; the scenario stops at the first failed step.'),
});
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioDevice = z.infer<typeof ScenarioDevice>;
