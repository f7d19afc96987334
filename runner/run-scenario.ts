// Runs one scenario: its own fleet against a server (its own, or --server), step by step, waiting on events.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { sha256Hex } from '../lib/sha256.js';
import type { Fault } from '../shared/faults.js';
import type { DeviceView as SimDevice } from '../shared/sim/device-view.js';
import { DEFAULT_SUPPORT_EDITION } from '../shared/support-matrix.js';
import type { UserInput } from '../shared/user-input.js';
import { CANCEL_CLEANUP_MS, RunCancelled, reasonOf, untilCancelled } from './cancellation.js';
import { EventFeed } from './event-feed.js';
import {
  type InProcessStore,
  remoteServer,
  type ServerTarget,
  startInProcessServer,
} from './in-process-server.js';
import { describeMismatch, type Mismatch, partialMismatches } from './partial-match.js';
import {
  type ClockChange,
  type ScenarioResult,
  StepFailure,
  type StepResult,
  StepSkipped,
} from './results.js';
import type { LoadedScenario } from './scenario-file.js';
import { ScenarioFleet } from './scenario-fleet.js';
import type { FaultStep, Step } from './scenario-schema.js';
import { editionSensitive, serverEditionProblem } from './server-edition.js';
import { ServerUnavailable } from './server-unavailable.js';
import {
  AnswerError,
  DEFAULT_REQUEST_TIMEOUT_MS,
  describeAnswer,
  type HttpAnswer,
  quoteBody,
  SimClient,
} from './sim-client.js';
import { stepLabel } from './step-label.js';

export interface RemoteServerOptions {
  url: string;
  adminToken: string;
  /** The simulator token (MDMSIM_SIM_TOKEN) of /sim and its event stream. */
  simToken: string;
  enrollmentToken: string;
  /** A shell command that restarts that server (e.g. `docker compose restart server`); without it restarts are skipped. */
  restartCommand?: string;
  /** Scenarios may move the shared server's clock (else steps that would are skipped); each move is reported. */
  allowClock?: boolean;
  /** Prefix of this run's fleet names, so its devices are told apart from everyone else's (default: random per run). */
  fleetNamespace?: string;
  /** Leave the scenarios' devices on the server instead of removing them after each scenario. */
  keepDevices?: boolean;
}

export interface RunScenarioOptions {
  /** Same seed, same fleet names (and so the same device identities). */
  seed: string;
  /** Real milliseconds a wait on server events may take before the step fails. */
  stepTimeoutMs: number;
  /** Real milliseconds the server may take to answer one request (DEFAULT_REQUEST_TIMEOUT_MS when unset). */
  requestTimeoutMs?: number;
  /** Drive this server instead of starting one in-process. */
  server?: RemoteServerOptions;
  /** The store of the in-process server (SQLite when absent); unused with `server`. */
  inProcessStore?: InProcessStore;
  logger: Logger;
  onStep?: (scenario: LoadedScenario, index: number, label: string) => void;
  /**
   * Interrupts the scenario (its reason names the signal, e.g. SIGTERM): the running step is given up at once, the
   * scenario is `cancelled`, and its devices are removed from a shared server within CANCEL_CLEANUP_MS.
   */
  signal?: AbortSignal;
}

/** A `within` bound is covered in at most this many clock steps. */
const CLOCK_STEPS = 12;
const NOT_NOW_RETRY_MS = 60_000;

/** In-process the server is the scenario's own; against --server the run's namespace keeps the names apart. */
export function fleetNameFor(seed: string, scenario: LoadedScenario, namespace = 'scenario'): string {
  const digest = sha256Hex(`${seed}\u0000${scenario.scenario.name}`).slice(0, 12);
  return `${namespace}-${digest}`;
}

/**
 * Whether the error says the server could not be reached or used: a network, TLS or timeout failure, or a token
 * the server refused (a 401 to the runner's own requests, which carry the tokens it was given).
 */
const isServerUnavailable = (error: unknown) =>
  error instanceof ServerUnavailable || (error instanceof AnswerError && error.answer.status === 401);

/** The longest a Graph fault of the scenario holds a request (its `delayMs`), 0 without one. */
const longestHold = (steps: readonly Step[]) =>
  Math.max(
    0,
    ...steps.map((step) =>
      'graphFault' in step && typeof step.graphFault === 'object' ? (step.graphFault.delayMs ?? 0) : 0,
    ),
  );

/** A fresh namespace for one run against a shared server. */
export const runNamespace = () => `mdmsim-run-${randomBytes(4).toString('hex')}`;

/** Whether a step may move the simulated clock (a clock step, or a wait allowed to move it). */
export function canMoveClock(step: Step): boolean {
  return (
    'clock' in step ||
    ('expect' in step && (step.expect.within ?? 0) > 0) ||
    ('readDevice' in step && (step.readDevice.within ?? 0) > 0) ||
    ('readDeviceActions' in step && (step.readDeviceActions.within ?? 0) > 0)
  );
}

type ExpectFields = Extract<Step, { expect: unknown }>['expect'];

interface Context {
  client: SimClient;
  feed: EventFeed;
  fleet: ScenarioFleet;
  target: ServerTarget;
  options: RunScenarioOptions;
  lastAdmin: (HttpAnswer & { label: string }) | undefined;
  /** The scenario's steps, so an admin step can see whether a later step names the error it got. */
  steps: readonly Step[];
  /** The step running now, and its line. */
  step: { index: number; line: number };
  /** Against --server only: the clock moves made, for the report. */
  clockChanges: ClockChange[] | undefined;
}

export async function runScenario(
  loaded: LoadedScenario,
  options: RunScenarioOptions,
): Promise<ScenarioResult> {
  const started = performance.now();
  const { scenario } = loaded;
  const fleetName = fleetNameFor(
    options.seed,
    loaded,
    options.server ? (options.server.fleetNamespace ?? 'scenario') : 'scenario',
  );
  const clockChanges: ClockChange[] | undefined = options.server ? [] : undefined;
  // A Graph fault the scenario sets may hold a request for up to two minutes on purpose: that long is not silence.
  const requestTimeoutMs =
    (options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS) + longestHold(scenario.steps);
  let cleanup: ScenarioResult['cleanup'];
  const steps: StepResult[] = scenario.steps.map((step, index) => ({
    index,
    line: loaded.stepLines[index] ?? loaded.line,
    label: stepLabel(step),
    status: 'notRun',
    durationMs: 0,
  }));
  /** Set when the server could not be reached or used: the scenario then says nothing about behaviour. */
  let unavailable = false;
  /** Set when the run was interrupted while this scenario ran. */
  let cancelled = false;
  const { signal } = options;
  const result = (error?: string): ScenarioResult => ({
    file: loaded.file,
    line: loaded.line,
    name: scenario.name,
    status: cancelled
      ? 'cancelled'
      : unavailable
        ? 'error'
        : error || steps.some((step) => step.status === 'failed')
          ? 'failed'
          : steps.some((step) => step.status === 'skipped')
            ? 'incomplete'
            : 'passed',
    durationMs: Math.round(performance.now() - started),
    fleetName,
    steps,
    ...(error ? { error } : {}),
    ...(clockChanges?.length ? { clockChanges } : {}),
    ...(cleanup ? { cleanup } : {}),
  });
  /** Against --server: removes the scenario's devices, as after every scenario, within the time an interrupt allows. */
  const removeOwnDevices = async (ids: readonly string[]) => {
    if (!options.server || options.server.keepDevices || unavailable || !target || !feed) return;
    // Interrupted: a third of the budget for the first look, a third for the wait, a third for the DELETE.
    const third = Math.floor(CANCEL_CLEANUP_MS / 3);
    cleanup = cancelled
      ? await removeDevices(target, feed, ids, fleetName, third, third)
      : await removeDevices(target, feed, ids, fleetName, options.stepTimeoutMs, requestTimeoutMs);
  };

  let target: ServerTarget | undefined;
  let fleet: ScenarioFleet | undefined;
  let feed: EventFeed | undefined;
  try {
    // The devices run the Company Portal of this edition; in-process the server runs it too.
    const edition = scenario.supportEdition ?? DEFAULT_SUPPORT_EDITION;
    target = options.server
      ? remoteServer(options.server)
      : await startInProcessServer({
          supportEdition: edition,
          notNowRetryMs: NOT_NOW_RETRY_MS,
          ...(options.inProcessStore ? { store: options.inProcessStore } : {}),
        });
    feed = new EventFeed(target.url, target.simToken, requestTimeoutMs);
    await untilCancelled(feed.open(), signal);
    fleet = await ScenarioFleet.start(scenario.fleet, {
      serverUrl: target.url,
      enrollmentToken: target.enrollmentToken,
      fleetName,
      logger: options.logger,
      connectTimeoutMs: requestTimeoutMs,
      supportEdition: edition,
      ...(signal ? { signal } : {}),
    });
    const context: Context = {
      client: new SimClient(target.url, target.adminToken, target.simToken, requestTimeoutMs),
      feed,
      fleet,
      target,
      options,
      lastAdmin: undefined,
      steps: scenario.steps,
      step: { index: 0, line: loaded.line },
      clockChanges,
    };
    const firstDevice = fleet.allIds()[0];
    if (options.server && firstDevice !== undefined && editionSensitive(scenario.fleet).length > 0) {
      // The server says its edition in its view of any device (the one the runner's devices enrolled in); asked only
      // when a device of the scenario would show the difference, so other scenarios make no call before their steps.
      const serverEdition = (await context.client.device(firstDevice)).removePasscode.edition;
      const problem = serverEditionProblem(scenario.fleet, edition, serverEdition);
      if (problem) throw new Error(problem);
    }
    for (const [index, step] of scenario.steps.entries()) {
      const record = steps[index] as StepResult;
      options.onStep?.(loaded, index, record.label);
      context.step = { index, line: record.line };
      const stepStarted = performance.now();
      try {
        if (options.server && !options.server.allowClock && canMoveClock(step)) {
          throw new StepSkipped(
            'SKIPPED: this step may move the simulated clock of a shared server (--server); pass --allow-clock to let it. The rest of the scenario was not run.',
          );
        }
        await untilCancelled(runStep(step, context), signal);
        record.status = 'passed';
      } catch (error) {
        if (signal?.aborted) {
          // Whatever the step met as the run was being stopped, it was cut short, not judged.
          cancelled = true;
          record.status = 'cancelled';
          record.message = `Cancelled: the run was interrupted (${reasonOf(signal)}) at this step.`;
        } else if (error instanceof StepSkipped) {
          record.status = 'skipped';
          record.message = error.message;
        } else {
          record.status = 'failed';
          record.message = (error as Error).message;
          // In-process the server is the code under test: one that does not answer has failed, not the environment.
          if (options.server && isServerUnavailable(error)) unavailable = true;
          if (error instanceof StepFailure) {
            record.details = error.details;
            if (error.deviceId) record.recentEvents = feed.recent(error.deviceId);
          }
        }
      }
      record.durationMs = Math.round(performance.now() - stepStarted);
      // Later steps depend on what a skipped step would have done: the scenario stops, incomplete rather than failed.
      if (record.status !== 'passed') break;
    }
    // A server that stopped answering would neither end closing handshakes nor take the cleanup's requests; an
    // interrupted run does not wait for them either.
    await fleet.stop(unavailable || cancelled);
    await removeOwnDevices(fleet.allIds());
    return result();
  } catch (error) {
    if (error instanceof RunCancelled || signal?.aborted) {
      cancelled = true;
      await removeOwnDevices(error instanceof RunCancelled ? error.deviceIds : []);
      return result(
        `Cancelled before its first step: the run was interrupted (${signal ? reasonOf(signal) : 'interrupted'}).`,
      );
    }
    if (options.server && isServerUnavailable(error)) unavailable = true;
    return result(`Could not run the scenario: ${(error as Error).message}`);
  } finally {
    await fleet?.stop().catch(() => undefined);
    feed?.close();
    await target?.close().catch(() => undefined);
  }
}

/**
 * Leaves a shared server as the run found it: once the scenario's devices are seen disconnected, removes them
 * (DELETE /sim/devices?fleet=, only this scenario's fleet). Never fails the scenario; the report says what happened.
 */
async function removeDevices(
  target: ServerTarget,
  feed: EventFeed,
  ids: readonly string[],
  fleetName: string,
  timeoutMs: number,
  requestTimeoutMs: number,
): Promise<NonNullable<ScenarioResult['cleanup']>> {
  const client = new SimClient(target.url, target.adminToken, target.simToken, requestTimeoutMs);
  try {
    const deadline = performance.now() + timeoutMs;
    let seq = feed.seq;
    const connected = async () =>
      (
        await Promise.all(
          ids.map((id) =>
            client.device(id).then(
              (device) => device.connected,
              () => false,
            ),
          ),
        )
      ).some(Boolean);
    while (await connected()) {
      const left = deadline - performance.now();
      if (left <= 0 || !(await feed.waitBeyond(seq, left))) break;
      seq = feed.seq;
    }
    const answer = await client.removeFleet(fleetName);
    if (answer.status !== 200) {
      return {
        removed: 0,
        stillConnected: 0,
        error: `DELETE /sim/devices answered ${describeAnswer(answer)}`,
      };
    }
    const body = answer.body as { removed: number; stillConnected: number };
    return { removed: body.removed, stillConnected: body.stillConnected };
  } catch (error) {
    return { removed: 0, stillConnected: 0, error: (error as Error).message };
  }
}

async function runStep(step: Step, context: Context): Promise<void> {
  const { client, fleet, options } = context;
  if ('resetPasscode' in step) {
    const { device, api } =
      typeof step.resetPasscode === 'string'
        ? { device: step.resetPasscode, api: 'v1.0' }
        : step.resetPasscode;
    const id = fleet.idOf(device);
    const answer = await client.graph('POST', `/${api}/deviceManagement/managedDevices/${id}/resetPasscode`);
    recordAdminAnswer(context, answer, `POST resetPasscode on "${device}"`, id);
    return;
  }
  if ('readDevice' in step) {
    const { device, api, select, expect, within } = step.readDevice;
    const id = fleet.idOf(device);
    const path = `/${api}/deviceManagement/managedDevices/${id}${select ? `?$select=${encodeURIComponent(select)}` : ''}`;
    await expectEventually(context, id, within ?? 0, async () => {
      const answer = await client.graph('GET', path);
      // An error a later step names ends the wait: that step judges it.
      if (recordAdminAnswer(context, answer, `GET managedDevice "${device}"`, id, true)) return [];
      if (answer.status !== 200) return [{ path: 'status', expected: 200, actual: answer.status }];
      return expect ? partialMismatches(expect, answer.body) : [];
    });
    return;
  }
  if ('readDeviceActions' in step) {
    const { device, expect, within } = step.readDeviceActions;
    const id = fleet.idOf(device);
    await expectEventually(context, id, within ?? 0, async () => {
      let audits: Record<string, unknown>[];
      try {
        audits = await client.graphCollection('/beta/deviceManagement/remoteActionAudits');
      } catch (error) {
        if (!(error instanceof AnswerError)) throw error;
        if (recordAdminAnswer(context, error.answer, 'GET remoteActionAudits', id, true)) return [];
        return [{ path: 'status', expected: 200, actual: error.answer.status }];
      }
      context.lastAdmin = { status: 200, body: audits, label: 'GET remoteActionAudits' };
      const latest = audits
        .filter((audit) => audit.managedDeviceId === id)
        .sort((a, b) => String(a.requestDateTime).localeCompare(String(b.requestDateTime)))
        .at(-1);
      if (!latest) return [{ path: `remoteActionAudit of "${device}"`, expected: 'present', actual: 'none' }];
      return expect ? partialMismatches(expect, latest) : [];
    });
    return;
  }
  if ('input' in step) {
    const { device, outcome, reason } = step.input;
    const id = fleet.idOf(device);
    const input = await withTemporaryPasscode(step.input.do, id, client);
    const answer = await client.input(id, input);
    const message = (answer.body as { error?: { code?: string; message?: string } } | null)?.error;
    const refused = answer.status === 409 && message?.code === 'InputRefused';
    if (outcome === 'accepted' && answer.status !== 200) {
      throw new StepFailure(
        `"${device}" did not accept ${input.type}: POST /sim/devices/{id}/input answered ${describeAnswer(answer)}`,
        [`expected: accepted (200)`, `actual: ${answer.status} ${quoteBody(answer.body)}`],
        id,
      );
    }
    if (outcome === 'refused' && (!refused || (reason && !message?.message?.includes(reason)))) {
      const expected = `${input.type}${reason ? ` with "${reason}"` : ''}`;
      throw new StepFailure(
        // An error other than the device's refusal (the server's, a gateway's) is named as the answer it is.
        answer.status >= 400 && !refused
          ? `"${device}" was expected to refuse ${expected}, but POST /sim/devices/{id}/input answered ${describeAnswer(answer)}`
          : `"${device}" was expected to refuse ${expected}.`,
        [
          `expected: 409 InputRefused${reason ? ` mentioning "${reason}"` : ''}`,
          `actual: ${answer.status} ${quoteBody(answer.body)}`,
        ],
        id,
      );
    }
    return;
  }
  if ('clock' in step) {
    await changeClock(context, {
      ...(step.clock.advance !== undefined ? { advanceMs: step.clock.advance } : {}),
      ...(step.clock.speed !== undefined ? { speed: step.clock.speed } : {}),
    });
    return;
  }
  if ('fault' in step) {
    await injectFault(context, step.fault);
    return;
  }
  if ('graphFault' in step) {
    const answer = await client.graphFault(step.graphFault);
    if (answer.status >= 300) {
      const request = step.graphFault === 'clear' ? 'DELETE /sim/graph-faults' : 'POST /sim/graph-faults';
      throw new StepFailure(
        `The server refused the Graph fault: ${request} answered ${describeAnswer(answer)}`,
        [`actual: ${answer.status} ${quoteBody(answer.body)}`],
      );
    }
    return;
  }
  if ('restartAgents' in step) {
    const ids =
      step.restartAgents === 'all' ? fleet.allIds() : step.restartAgents.map((name) => fleet.idOf(name));
    await fleet.restartAgents(ids, options.stepTimeoutMs * 3);
    await Promise.all(ids.map((id) => expectConnected(context, id, true)));
    return;
  }
  if ('restartServer' in step) {
    const restart = context.target.restart;
    if (!restart) {
      throw new StepSkipped(
        'SKIPPED: the runner does not own this server (--server without --restart-command), so it cannot restart it; the rest of the scenario was not run.',
      );
    }
    const ids = fleet.allIds();
    const back = fleet.reconnected(ids, options.stepTimeoutMs * 3);
    back.catch(() => undefined);
    context.feed.disconnect();
    await restart();
    await back;
    await Promise.all(ids.map((id) => expectConnected(context, id, true)));
    return;
  }
  await runExpect(step.expect, context);
}

/** Steps that call Graph as the admin; `expect: { status, errorCode }` is about the latest of them. */
const isAdminStep = (step: Step) =>
  'resetPasscode' in step || 'readDevice' in step || 'readDeviceActions' in step;

/**
 * The step that names the answer of the admin step at `index`: the first later `expect` with a `status` or an
 * `errorCode`, looked for up to the next admin step (an expectation after that is about that step's answer).
 */
function statusExpectationOf(
  steps: readonly Step[],
  index: number,
): { index: number; expect: ExpectFields } | undefined {
  for (const [at, step] of steps.entries()) {
    if (at <= index) continue;
    if (isAdminStep(step)) return undefined;
    if ('expect' in step && (step.expect.status !== undefined || step.expect.errorCode !== undefined)) {
      return { index: at, expect: step.expect };
    }
  }
  return undefined;
}

/** Answers Graph's guidance has clients retry (throttling, and the gateway's 5xx): a polling read keeps waiting. */
const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * Keeps an admin step's answer for the `expect: { status, errorCode }` that follows, and fails the step at once on an
 * error (4xx/5xx) the scenario does not name there: a wrong token, a missing device or a server in trouble is reported
 * on the step that met it, with the status and Graph's code and message, not as a wait that times out later. A
 * `polling` read (readDevice, readDeviceActions) takes 429 and the gateway's 5xx as not yet, and reads again. Returns
 * whether the answer is an error that later step names (which then judges it).
 */
function recordAdminAnswer(
  context: Context,
  answer: HttpAnswer,
  label: string,
  deviceId: string,
  polling = false,
): boolean {
  context.lastAdmin = { ...answer, label };
  if (answer.status < 400) return false;
  const named = statusExpectationOf(context.steps, context.step.index);
  const code = (answer.body as { error?: { code?: unknown } } | null)?.error?.code;
  if (
    named &&
    (named.expect.status === undefined || named.expect.status === answer.status) &&
    (named.expect.errorCode === undefined || named.expect.errorCode === code)
  ) {
    return true;
  }
  // A read that polls rides out what Graph asks clients to retry (429, 5xx from the gateway), as a client would.
  if (polling && RETRIED_STATUSES.has(answer.status)) return false;
  const wanted = named
    ? [named.expect.status, named.expect.errorCode].filter((part) => part !== undefined).join(' ')
    : undefined;
  throw new StepFailure(
    `${label} answered ${describeAnswer(answer)}`,
    [
      named
        ? `expected: ${wanted} (step ${named.index + 1} expects it)`
        : 'expected: success; no `expect: { status, errorCode }` names an error before the next admin step',
      `actual: ${answer.status} ${quoteBody(answer.body)}`,
    ],
    deviceId,
  );
}

/** `{temporaryPasscode}` in an input stands for the passcode the admin can read on the device's latest action. */
export const TEMPORARY_PASSCODE = '{temporaryPasscode}';

async function withTemporaryPasscode(input: UserInput, id: string, client: SimClient): Promise<UserInput> {
  if (!('passcode' in input) || input.passcode !== TEMPORARY_PASSCODE) return input;
  const passcode = await client.temporaryPasscode(id);
  if (!passcode)
    throw new StepFailure(
      `${TEMPORARY_PASSCODE} is used, but the admin can read no temporary passcode.`,
      [],
      id,
    );
  return { ...input, passcode };
}

async function changeClock(context: Context, change: { advanceMs?: number; speed?: number }): Promise<void> {
  const view = await context.client.clock(change);
  const changes = context.clockChanges;
  if (changes) {
    const last = changes.at(-1);
    const entry: ClockChange =
      last?.step === context.step.index
        ? last
        : { step: context.step.index, line: context.step.line, at: new Date().toISOString(), advancedMs: 0 };
    if (entry !== last) changes.push(entry);
    entry.advancedMs += change.advanceMs ?? 0;
    if (change.speed !== undefined) entry.speed = change.speed;
  }
  // Offline agents hear no clock broadcast; the runner hosts them, so it moves their clock itself.
  context.fleet.clock.sync({ now: view.nowMs, speed: view.speed });
}

async function injectFault(context: Context, step: FaultStep): Promise<void> {
  const { fleet, client } = context;
  const id = fleet.idOf(step.device);
  const fault: Fault =
    step.kind === 'offline'
      ? { kind: 'offline', ...(step.for !== undefined ? { forMs: step.for } : {}) }
      : step.kind === 'notNow'
        ? { kind: 'notNow', times: step.times }
        : step.kind === 'latency'
          ? { kind: 'latency', ms: step.ms }
          : { kind: step.kind };
  if (fault.kind === 'online') {
    // An offline device cannot hear the server; the runner hosts its agent and brings it back directly.
    fleet.agent(id).faults.apply(fault);
    await expectConnected(context, id, true);
    return;
  }
  const answer = await client.fault(id, fault);
  const code = (answer.body as { error?: { code?: string } } | null)?.error?.code;
  if (answer.status === 409 && code === 'DeviceOffline') {
    // The device is offline: only the runner, which hosts its agent, can reach it.
    fleet.agent(id).faults.apply(fault);
  } else if (answer.status !== 202) {
    throw new StepFailure(
      `The server refused the fault: POST /sim/devices/{id}/faults answered ${describeAnswer(answer)}`,
      [`expected: 202, or 409 DeviceOffline`, `actual: ${answer.status} ${quoteBody(answer.body)}`],
      id,
    );
  }
  if (fault.kind === 'offline') await expectConnected(context, id, false);
}

function expectConnected(context: Context, id: string, connected: boolean): Promise<void> {
  return expectEventually(context, id, 0, async () => {
    const device = await context.client.device(id);
    return device.connected === connected
      ? []
      : [{ path: 'connected', expected: connected, actual: device.connected }];
  });
}

async function runExpect(expect: ExpectFields, context: Context): Promise<void> {
  const { fleet, client } = context;
  if (expect.status !== undefined || expect.errorCode !== undefined) {
    const admin = context.lastAdmin;
    if (!admin) throw new StepFailure('No admin step ran before this expectation of a status.');
    const code = (admin.body as { error?: { code?: string } } | null)?.error?.code;
    const mismatches: Mismatch[] = [
      ...(expect.status !== undefined && admin.status !== expect.status
        ? [{ path: `status of ${admin.label}`, expected: expect.status, actual: admin.status }]
        : []),
      ...(expect.errorCode !== undefined && code !== expect.errorCode
        ? [{ path: `error.code of ${admin.label}`, expected: expect.errorCode, actual: code ?? null }]
        : []),
    ];
    if (mismatches.length > 0) {
      throw new StepFailure(
        `${admin.label} answered ${admin.status}.`,
        [...mismatches.map(describeMismatch), `body: ${JSON.stringify(admin.body)}`],
        expect.device ? fleet.idOf(expect.device) : undefined,
      );
    }
  }
  if (expect.device === undefined) return;
  const id = fleet.idOf(expect.device);
  await expectEventually(context, id, expect.within ?? 0, async () => {
    const device = await client.device(id);
    const temporaryPasscode =
      expect.temporaryPasscode === undefined ? false : (await client.temporaryPasscode(id)) !== null;
    const mismatches = deviceMismatches(expect, device, temporaryPasscode);
    return { mismatches, settled: cannotChangeAnyMore(mismatches, device) };
  });
}

/** Action states after which the action never changes again. */
const FINISHED_ACTION_STATES = new Set(['done', 'failed', 'notSupported', 'canceled']);

/**
 * Whether waiting is pointless: every mismatch is about the latest action, and that action is finished, so nothing
 * the device or the clock does can change it (only a new admin step could, and none runs during an expectation).
 * An action that exists never goes back to `none`. A temporary passcode that is not readable on a finished action
 * never becomes readable; one that is can still expire, so that case waits.
 */
function cannotChangeAnyMore(mismatches: readonly Mismatch[], device: SimDevice): boolean {
  if (mismatches.length === 0) return false;
  const latest = device.latestAction;
  const finished = latest !== null && latest !== undefined && FINISHED_ACTION_STATES.has(latest.state);
  return mismatches.every(
    (mismatch) =>
      (mismatch.path === 'action' && (finished || (latest != null && mismatch.expected === 'none'))) ||
      (mismatch.path === 'actionErrorCode' && finished) ||
      (mismatch.path === 'temporaryPasscode' && finished && mismatch.expected === true),
  );
}

function deviceMismatches(expect: ExpectFields, device: SimDevice, temporaryPasscode: boolean): Mismatch[] {
  const latest = device.latestAction;
  const actual = {
    screen: device.state.screen.view,
    connected: device.connected,
    compliant: device.state.compliant,
    state: device.state,
    action: latest?.state ?? 'none',
    temporaryPasscode,
    actionErrorCode: latest?.errorCode ?? null,
  };
  const wanted = {
    ...(expect.screen !== undefined ? { screen: expect.screen } : {}),
    ...(expect.connected !== undefined ? { connected: expect.connected } : {}),
    ...(expect.compliant !== undefined ? { compliant: expect.compliant } : {}),
    ...(expect.state !== undefined ? { state: expect.state } : {}),
    ...(expect.action !== undefined ? { action: expect.action } : {}),
    ...(expect.temporaryPasscode !== undefined ? { temporaryPasscode: expect.temporaryPasscode } : {}),
    ...(expect.actionErrorCode !== undefined ? { actionErrorCode: expect.actionErrorCode } : {}),
  };
  return partialMismatches(wanted, actual);
}

/**
 * Checks now; if not yet true, waits on server events and checks again after each. With `withinMs`, whenever events
 * fall quiet the simulated clock moves on by a step (at most `withinMs` in all); then a last wait of up to the step
 * timeout in real time. Fails with the last mismatches and the device's recent events.
 */
async function expectEventually(
  context: Context,
  deviceId: string,
  withinMs: number,
  check: () => Promise<Mismatch[] | Verdict>,
): Promise<void> {
  const { feed, options } = context;
  let seq = feed.seq;
  let verdict: Verdict = { mismatches: [], settled: false };
  const settledFailure = () =>
    new StepFailure(
      'Not as expected, and it can no longer be: the latest action is finished (stopped waiting at once).',
      verdict.mismatches.map(describeMismatch),
      deviceId,
      true,
    );
  const recheck = async () => {
    seq = feed.seq;
    const answer = await check();
    verdict = Array.isArray(answer) ? { mismatches: answer, settled: false } : answer;
    if (verdict.settled) throw settledFailure();
    return verdict.mismatches.length === 0;
  };
  if (await recheck()) return;
  if (withinMs > 0) {
    const stepMs = Math.max(1, Math.ceil(withinMs / CLOCK_STEPS));
    let advanced = 0;
    // Moving the clock by 0 settles every device first (POST /sim/clock answers once each has caught up), so what is
    // still in flight lands before simulated time moves; no real-time quiet period is needed.
    await changeClock(context, { advanceMs: 0 });
    if (await recheck()) return;
    while (advanced < withinMs) {
      const by = Math.min(stepMs, withinMs - advanced);
      await changeClock(context, { advanceMs: by });
      advanced += by;
      if (await recheck()) return;
    }
  }
  const deadline = performance.now() + options.stepTimeoutMs;
  for (let left = options.stepTimeoutMs; left > 0; left = deadline - performance.now()) {
    if (!(await feed.waitBeyond(seq, left))) break;
    if (await recheck()) return;
  }
  throw new StepFailure(
    `Not as expected${withinMs > 0 ? ` within ${withinMs} simulated ms` : ''} (waited ${options.stepTimeoutMs} ms of real time for events).`,
    verdict.mismatches.map(describeMismatch),
    deviceId,
  );
}

/** A check's answer: what does not match yet, and whether it never can (so waiting stops at once). */
interface Verdict {
  mismatches: Mismatch[];
  settled: boolean;
}
