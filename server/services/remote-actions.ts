// Remove/Reset passcode as Intune runs it: decide support, queue the command, deliver it, and record its outcome.
import type { ControllableClock } from '../../lib/controllable-clock.js';
import { randomUuid } from '../../lib/random-uuid.js';
import { type CommandRequest, type CommandResult, passcodeCommandFor } from '../../shared/commands.js';
import type { EnrollmentKind } from '../../shared/enrollment.js';
import { actionNameFor, decideSupport, type SupportEdition } from '../../shared/support-matrix.js';
import {
  type ActionRecord,
  type DeviceRecord,
  FINAL_ACTION_STATES,
  type ListingSequence,
  type Store,
} from '../store/store.js';
import type { DeviceChannel } from './device-channel.js';
import { generatePasscode } from './passcode-generator.js';
import type { SimulationEvents } from './simulation-events.js';

export interface RemoteActionsOptions {
  supportEdition: SupportEdition;
  /** Simulated ms before a command the device answered NotNow is offered again. */
  notNowRetryMs: number;
  /** Simulated ms the admin can read an Android temporary passcode (Intune: seven days). */
  passcodeRetentionMs: number;
  /** Where a change the store refuses outside a request is logged (the server's logger). */
  log?: { error(details: object, message: string): void };
  /** Real ms before a delivery the store refused is tried again (1 s by default). */
  storeRetryMs?: number;
}

/** Long enough not to spin on a store that keeps refusing, short enough that a brief lock costs a device little. */
const DEFAULT_STORE_RETRY_MS = 1_000;

export type ResetPasscodeOutcome =
  | { kind: 'accepted'; action: ActionRecord }
  | { kind: 'notFound' }
  | { kind: 'notSupported'; action: ActionRecord; reason: string };

export type ResultOutcome = 'applied' | 'kept' | 'duplicate' | 'foreign';

/** The caller of an admin action: its request-scoped logger (request id and all), as nanomdm passes its context. */
export interface ActionCaller {
  log: { info(details: object, message: string): void };
}

/**
 * Remove passcode as the admin's side (the Graph routes) uses it. The core below implements it, and so do the
 * wrappers around it (audit, metrics), each holding the `next` one: same interface all the way down.
 */
export interface RemoteActionService {
  resetPasscode(deviceId: string, initiatedBy: string, caller?: ActionCaller): ResetPasscodeOutcome;
  get(actionId: string): ActionRecord | undefined;
  list(): ActionRecord[];
  /** Every action's id in `list`'s order, not copied per call (Graph's pages of the audit). */
  ids(): readonly string[];
  /** The action's listing sequence, where a Graph page's cursor places it. */
  sequenceOf(actionId: string): ListingSequence | undefined;
  latestFor(deviceId: string): ActionRecord | undefined;
  visiblePasscode(action: ActionRecord): string | null;
}

export class RemoteActions implements RemoteActionService {
  /** Devices whose session starts over shortly (after a lost batch or a refused change): their timers. */
  private readonly startingOver = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: Store,
    private readonly events: SimulationEvents,
    private readonly clock: ControllableClock,
    private readonly channel: DeviceChannel,
    private readonly options: RemoteActionsOptions,
  ) {}

  /** Whether Remove passcode may be sent to this device, and if not, why. */
  support(device: DeviceRecord) {
    return decideSupport(
      this.options.supportEdition,
      device.inventory.enrollment,
      device.inventory.osVersion,
    );
  }

  edition(): SupportEdition {
    return this.options.supportEdition;
  }

  /** The action's name in the portal of the configured edition, for a device of this enrollment. */
  actionName(enrollment: EnrollmentKind): string {
    return actionNameFor(this.options.supportEdition, enrollment);
  }

  resetPasscode(deviceId: string, initiatedBy: string): ResetPasscodeOutcome {
    const device = this.store.devices.get(deviceId);
    if (!device) return { kind: 'notFound' };
    const now = this.clock.now();
    const support = this.support(device);
    if (!support.supported) {
      const action = this.record({
        ...this.newAction(deviceId, initiatedBy, now),
        state: 'notSupported',
        errorDescription: support.reason,
      });
      return { kind: 'notSupported', action, reason: support.reason };
    }
    const inFlight = this.store.actions.latestFor(deviceId);
    if (inFlight && !FINAL_ACTION_STATES.has(inFlight.state)) return { kind: 'accepted', action: inFlight };

    const request = this.requestFor(device);
    const action: ActionRecord = {
      ...this.newAction(deviceId, initiatedBy, now),
      passcode: request.requestType === 'ResetPassword' ? request.newPassword : null,
    };
    // The action and its command commit together: no action is ever left without the command that finishes it.
    this.store.transaction(() => {
      this.store.actions.put(action);
      this.store.commands.enqueue({
        commandId: randomUuid(),
        actionId: action.id,
        deviceId,
        request,
        sent: false,
        notNowCount: 0,
      });
    });
    this.events.emit('action', action);
    this.deliverOnceDurable(deviceId);
    return { kind: 'accepted', action: this.store.actions.get(action.id) ?? action };
  }

  /**
   * Gives every unfinished action without a queued command (what a store written by an earlier version can hold,
   * where the two were separate writes) a command again, so that no action waits forever. Run once at start.
   */
  recoverUnqueued(): void {
    const queued = new Set(
      this.store.devices
        .list()
        .flatMap((device) => this.store.commands.pendingFor(device.id).map((c) => c.actionId)),
    );
    for (const action of this.store.actions.list()) {
      if (FINAL_ACTION_STATES.has(action.state) || queued.has(action.id)) continue;
      const device = this.store.devices.get(action.deviceId);
      if (!device) continue;
      const fresh = this.requestFor(device);
      const request =
        fresh.requestType === 'ResetPassword' && action.passcode !== null
          ? { ...fresh, newPassword: action.passcode }
          : fresh;
      this.store.transaction(() => {
        this.store.commands.enqueue({
          commandId: randomUuid(),
          actionId: action.id,
          deviceId: action.deviceId,
          request,
          sent: false,
          notNowCount: 0,
        });
        this.store.actions.put({
          ...action,
          state: 'pending',
          passcode: request.requestType === 'ResetPassword' ? request.newPassword : null,
        });
      });
    }
  }

  /**
   * Write-ahead: a command goes on the wire only once the change that queued it is on disk, so a failed commit never
   * leaves a device that acted on a command the server has forgotten. The memory store commits at once (no promise).
   * A failed commit reloaded the store from its file, which may say "sent" for a command the device's current
   * session never had (the lost batch was the one that requeued it for that session), or "not sent" for one it has:
   * the session then starts over (`startOverLater`). A command the lost batch queued is gone from the file, so it is
   * not sent.
   */
  deliverOnceDurable(deviceId: string): void {
    const committed = this.store.committed();
    if (!committed) {
      this.deliver(deviceId);
      return;
    }
    committed.then(
      () => this.deliver(deviceId),
      () => this.startOverLater(deviceId),
    );
  }

  /**
   * Sends every queued command the device's current connection has not had yet. Each is marked sent (its action
   * active) before it goes on the wire, so a mark the store refuses sends nothing (the session starts over later);
   * and if the mark's batch is lost at its commit, the session starts over too, so a NotNow on a command the file
   * says was never sent cannot strand it. Never throws: it runs from commits' callbacks and timers.
   */
  private deliver(deviceId: string): void {
    for (const command of this.store.commands.pendingFor(deviceId)) {
      if (command.sent) continue;
      if (!this.channel.isConnected(deviceId)) return;
      try {
        this.store.transaction(() => {
          this.store.commands.update({ ...command, sent: true });
          this.transition(command.actionId, { state: 'active' });
        });
      } catch (error) {
        this.refused(deviceId, 'record a command as sent', error);
        return;
      }
      this.startOverIfLost(deviceId);
      // False only when the session is closing (a slow consumer): its close requeues what it was marked with.
      if (
        !this.channel.send(deviceId, {
          type: 'command',
          commandId: command.commandId,
          request: command.request,
        })
      ) {
        return;
      }
    }
  }

  /**
   * A new session became the device's current one (a first connection, a reconnect, or one that replaced an older
   * session): nothing is on its wire yet, so everything queued is sent on it, including what the old one had.
   */
  sessionStarted(deviceId: string): void {
    this.requeue(deviceId);
    this.deliverOnceDurable(deviceId);
  }

  /** The connection is gone: whatever was on the wire is offered again on the next one (which starts afresh). */
  deviceDisconnected(deviceId: string): void {
    clearTimeout(this.startingOver.get(deviceId));
    this.startingOver.delete(deviceId);
    this.requeue(deviceId);
  }

  private requeue(deviceId: string): void {
    this.store.transaction(() => {
      for (const command of this.store.commands.pendingFor(deviceId)) {
        if (!command.sent) continue;
        this.store.commands.update({ ...command, sent: false });
        this.transition(command.actionId, { state: 'pending' });
      }
    });
  }

  /** Whether `commandId` is a command queued for another device: a result for it is refused whole, state included. */
  isForeignCommand(deviceId: string, commandId: string): boolean {
    const command = this.store.commands.get(commandId);
    return command !== undefined && command.deviceId !== deviceId;
  }

  /**
   * Applies a device's answer. Results are idempotent by command id, and a device can only answer its own commands.
   * A final result counts from any of the device's sessions; a NotNow only from its current one, since a replaced
   * session's copy has already been sent again on the current one.
   */
  recordResult(deviceId: string, result: CommandResult, fromCurrentSession = true): ResultOutcome {
    const command = this.store.commands.get(result.commandId);
    if (!command) return 'duplicate';
    if (command.deviceId !== deviceId) return 'foreign';
    if (result.status === 'NotNow') {
      if (!fromCurrentSession || !command.sent) return 'duplicate';
      this.store.transaction(() => {
        this.store.commands.update({ ...command, sent: false, notNowCount: command.notNowCount + 1 });
        this.transition(command.actionId, { state: 'pending' });
      });
      this.clock.setTimeout(() => this.deliverOnceDurable(deviceId), this.options.notNowRetryMs);
      this.startOverIfLost(deviceId);
      return 'kept';
    }
    // The final result and the command's removal commit together.
    this.store.transaction(() => {
      this.store.commands.remove(command.commandId);
      if (result.status === 'Acknowledged') {
        this.transition(command.actionId, { state: 'done' });
      } else {
        this.transition(command.actionId, {
          state: 'failed',
          passcode: null,
          errorCode: result.errorCode ?? 0,
          errorDescription: result.errorChain?.[0]?.localizedDescription ?? result.status,
        });
      }
    });
    this.startOverIfLost(deviceId);
    return 'applied';
  }

  /**
   * The batch of a change just made (an answer, a "sent" mark) may yet be lost: the file then holds the command as it
   * was before, which the device's current session will not answer again. The session then starts over.
   */
  private startOverIfLost(deviceId: string): void {
    this.store.committed()?.catch(() => this.startOverLater(deviceId));
  }

  /**
   * After a lost batch or a refused change: once a moment has passed (real time, `storeRetryMs`), the connected
   * device's commands are requeued and sent again (at-least-once; results are idempotent by command id). One pending
   * start-over per device; a store that keeps failing is logged at each failure and retried at that pace, never in a
   * tight loop, for as long as the device stays connected (its next session requeues anyway).
   */
  private startOverLater(deviceId: string): void {
    if (this.startingOver.has(deviceId)) return;
    const timer = setTimeout(() => {
      this.startingOver.delete(deviceId);
      if (!this.channel.isConnected(deviceId)) return;
      try {
        this.requeue(deviceId);
      } catch (error) {
        this.refused(deviceId, 'requeue commands', error);
        return;
      }
      this.deliverOnceDurable(deviceId);
    }, this.options.storeRetryMs ?? DEFAULT_STORE_RETRY_MS);
    timer.unref();
    this.startingOver.set(deviceId, timer);
  }

  /** A change the store refused outside a request (nobody to answer): logged, and the session starts over later. */
  private refused(deviceId: string, change: string, error: unknown): void {
    this.options.log?.error({ err: error, deviceId }, `the store refused to ${change}; trying again`);
    this.startOverLater(deviceId);
  }

  /** The temporary passcode the admin may read now: Android, done, and less than seven days old. */
  visiblePasscode(action: ActionRecord): string | null {
    if (action.state !== 'done' || action.passcode === null) return null;
    return this.clock.now() - action.updatedAt < this.options.passcodeRetentionMs ? action.passcode : null;
  }

  get(actionId: string): ActionRecord | undefined {
    return this.store.actions.get(actionId);
  }

  list(): ActionRecord[] {
    return this.store.actions.list();
  }

  ids(): readonly string[] {
    return this.store.actions.ids();
  }

  sequenceOf(actionId: string): ListingSequence | undefined {
    return this.store.actions.sequenceOf(actionId);
  }

  latestFor(deviceId: string): ActionRecord | undefined {
    return this.store.actions.latestFor(deviceId);
  }

  private requestFor(device: DeviceRecord): CommandRequest {
    return passcodeCommandFor(device.inventory.enrollment, device.unlockToken, () =>
      generatePasscode(device.inventory.policy?.minLength),
    );
  }

  private newAction(deviceId: string, initiatedBy: string, now: number): ActionRecord {
    return {
      id: randomUuid(),
      deviceId,
      action: 'resetPasscode',
      state: 'pending',
      initiatedBy,
      requestedAt: now,
      updatedAt: now,
      passcode: null,
      errorCode: null,
      errorDescription: null,
    };
  }

  private record(action: ActionRecord): ActionRecord {
    this.store.actions.put(action);
    this.events.emit('action', action);
    return action;
  }

  private transition(actionId: string, patch: Partial<ActionRecord>): void {
    const action = this.store.actions.get(actionId);
    if (!action || FINAL_ACTION_STATES.has(action.state)) return;
    if (patch.state === action.state && Object.keys(patch).length === 1) return;
    this.record({ ...action, ...patch, updatedAt: this.clock.now() });
  }
}
