// Remove/Reset passcode as Intune runs it: decide support, queue the command, deliver it, and record its outcome.
import { randomUUID } from 'node:crypto';
import type { ControllableClock } from '../../lib/controllable-clock.js';
import { type CommandRequest, type CommandResult, ResetPasswordFlag } from '../../shared/commands.js';
import { operatingSystemOf } from '../../shared/enrollment.js';
import { actionNames, decideSupport, type SupportEdition } from '../../shared/support-matrix.js';
import { type ActionRecord, type DeviceRecord, FINAL_ACTION_STATES, type Store } from '../store/store.js';
import type { DeviceChannel } from './device-channel.js';
import { generatePasscode } from './passcode-generator.js';
import type { SimulationEvents } from './simulation-events.js';

export interface RemoteActionsOptions {
  supportEdition: SupportEdition;
  /** Simulated ms before a command the device answered NotNow is offered again. */
  notNowRetryMs: number;
  /** Simulated ms the admin can read an Android temporary passcode (Intune: seven days). */
  passcodeRetentionMs: number;
}

export type ResetPasscodeOutcome =
  | { kind: 'accepted'; action: ActionRecord }
  | { kind: 'notFound' }
  | { kind: 'notSupported'; action: ActionRecord; reason: string };

export type ResultOutcome = 'applied' | 'kept' | 'duplicate' | 'foreign';

export class RemoteActions {
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

  /** The action's name in the portal of the configured edition. */
  actionName(): string {
    return actionNames[this.options.supportEdition];
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
    const action = this.record({
      ...this.newAction(deviceId, initiatedBy, now),
      passcode: request.requestType === 'ResetPassword' ? request.newPassword : null,
    });
    this.store.commands.enqueue({
      commandId: randomUUID(),
      actionId: action.id,
      deviceId,
      request,
      sent: false,
      notNowCount: 0,
    });
    this.deliver(deviceId);
    return { kind: 'accepted', action: this.store.actions.get(action.id) ?? action };
  }

  /** Sends every queued command the device's current connection has not had yet. */
  deliver(deviceId: string): void {
    for (const command of this.store.commands.pendingFor(deviceId)) {
      if (command.sent) continue;
      const sent = this.channel.send(deviceId, {
        type: 'command',
        commandId: command.commandId,
        request: command.request,
      });
      if (!sent) return;
      this.store.commands.update({ ...command, sent: true });
      this.transition(command.actionId, { state: 'active' });
    }
  }

  /** The connection is gone: whatever was on the wire is offered again on the next one. */
  deviceDisconnected(deviceId: string): void {
    for (const command of this.store.commands.pendingFor(deviceId)) {
      if (!command.sent) continue;
      this.store.commands.update({ ...command, sent: false });
      this.transition(command.actionId, { state: 'pending' });
    }
  }

  /** Applies a device's answer. Results are idempotent by command id, and a device can only answer its own commands. */
  recordResult(deviceId: string, result: CommandResult): ResultOutcome {
    const command = this.store.commands.get(result.commandId);
    if (!command) return 'duplicate';
    if (command.deviceId !== deviceId) return 'foreign';
    if (result.status === 'NotNow') {
      this.store.commands.update({ ...command, sent: false, notNowCount: command.notNowCount + 1 });
      this.transition(command.actionId, { state: 'pending' });
      this.clock.setTimeout(() => this.deliver(deviceId), this.options.notNowRetryMs);
      return 'kept';
    }
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
    return 'applied';
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

  latestFor(deviceId: string): ActionRecord | undefined {
    return this.store.actions.latestFor(deviceId);
  }

  private requestFor(device: DeviceRecord): CommandRequest {
    if (operatingSystemOf[device.inventory.enrollment] === 'iOS') {
      return device.unlockToken === null
        ? { requestType: 'ClearPasscode' }
        : { requestType: 'ClearPasscode', unlockToken: device.unlockToken };
    }
    return {
      requestType: 'ResetPassword',
      newPassword: generatePasscode(device.inventory.policy?.minLength),
      flags: ResetPasswordFlag.REQUIRE_ENTRY,
    };
  }

  private newAction(deviceId: string, initiatedBy: string, now: number): ActionRecord {
    return {
      id: randomUUID(),
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
