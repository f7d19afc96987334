// The storage interface the services use: small, so a durable backend can replace the in-memory one.
import type { CommandRequest } from '../../shared/commands.js';
import type { DeviceState } from '../../shared/device-state.js';
import type { Inventory } from '../../shared/inventory.js';
import type { ActionState } from '../../shared/sim/action-view.js';

export interface DeviceRecord {
  id: string;
  fleet: string;
  /** SHA-256 of the device's secret, set at enrollment. */
  secretHash: string;
  inventory: Inventory;
  /** The unlock token from the device's TokenUpdate, kept even when a later hello omits it (as Apple's servers do). */
  unlockToken: string | null;
  state: DeviceState;
  enrolledAt: number;
  lastSyncAt: number;
  connected: boolean;
}

export { FINAL_ACTION_STATES } from '../../shared/sim/action-view.js';

export interface ActionRecord {
  id: string;
  deviceId: string;
  action: 'resetPasscode';
  state: ActionState;
  initiatedBy: string;
  requestedAt: number;
  updatedAt: number;
  /** Android: the temporary passcode the server generated; shown to the admin once done, for seven days. */
  passcode: string | null;
  errorCode: number | null;
  errorDescription: string | null;
}

export interface QueuedCommand {
  commandId: string;
  actionId: string;
  deviceId: string;
  request: CommandRequest;
  /** Whether the command is on the wire to the device's current connection. */
  sent: boolean;
  notNowCount: number;
}

/**
 * A record's place in its store's listing order: a number that grows with every id the store adds, is kept while the
 * record changes and is never given to another id (the durable store keeps them across a restart), so it still places
 * a cursor after its record is gone (Graph's `$skiptoken`).
 */
export type ListingSequence = number;

export interface DeviceStore {
  get(id: string): DeviceRecord | undefined;
  put(record: DeviceRecord): void;
  /** Every device, oldest enrollment first. */
  list(): DeviceRecord[];
  /**
   * Every device's id, in `list`'s order: the same array until a device is added or removed, so a client paging
   * through a tenant of 100,000 devices does not have the fleet copied for every page.
   */
  ids(): readonly string[];
  /** The device's place in `ids`'s order (see `ListingSequence`); undefined for an unknown id. */
  sequenceOf(id: string): ListingSequence | undefined;
  count(): number;
  /** Forgets the device (its actions stay, as Intune keeps the audit of a deleted device). */
  remove(id: string): void;
}

export interface ActionStore {
  get(id: string): ActionRecord | undefined;
  put(record: ActionRecord): void;
  /** Every action, in the order they were recorded (for the server's own, oldest request first). */
  list(): ActionRecord[];
  /** Every action's id, in `list`'s order: the same array until an action is added or removed. */
  ids(): readonly string[];
  /** The action's place in `ids`'s order (see `ListingSequence`); undefined for an unknown id. */
  sequenceOf(id: string): ListingSequence | undefined;
  /** The device's most recent action, which Graph shows in deviceActionResults. */
  latestFor(deviceId: string): ActionRecord | undefined;
  /** Forgets every action of these devices (the simulator's reset), in one pass whatever the fleet's size. */
  removeFor(deviceIds: ReadonlySet<string>): void;
}

export interface CommandStore {
  enqueue(command: QueuedCommand): void;
  get(commandId: string): QueuedCommand | undefined;
  update(command: QueuedCommand): void;
  remove(commandId: string): void;
  /** The device's queued commands, in the order they were queued. */
  pendingFor(deviceId: string): QueuedCommand[];
}

/** The simulated clock's time, kept so that after a restart it carries on and never runs backwards. */
export interface TimeStore {
  /** The latest simulated time the store has seen (saved, or recorded on any row), if any. */
  load(): number | undefined;
  save(now: number): void;
}

export interface Store {
  /**
   * Names the store's records: a new one for every memory store, kept in the file by a durable store (and so across
   * its restarts). A Graph `$skiptoken` names it, so one written before a memory store's restart is refused after it.
   */
  readonly id: string;
  devices: DeviceStore;
  time: TimeStore;
  actions: ActionStore;
  commands: CommandStore;
  /**
   * Runs `change` as one unit: a durable backend commits all of its writes or none. Nested calls join the outer one.
   */
  transaction<T>(change: () => T): T;
  /**
   * Resolves once every change made so far is durable, or undefined when it already is. A durable backend commits the
   * changes of one event-loop turn together (group commit), so a caller answers only after this (a 204 after a reset).
   */
  committed(): Promise<void> | undefined;
  /** Flushes and releases the backend; nothing can be recorded after. */
  close(): void;
}
