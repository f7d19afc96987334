// Enrollment, authentication and the latest known state of every device.
import { timingSafeEqual } from 'node:crypto';
import type { ControllableClock } from '../../lib/controllable-clock.js';
import { sha256Hex } from '../../lib/sha256.js';
import type { DeviceState } from '../../shared/device-state.js';
import type { Inventory } from '../../shared/inventory.js';
import type { DeviceRecord, ListingSequence, Store } from '../store/store.js';
import type { SimulationEvents } from './simulation-events.js';

export interface HelloCredentials {
  deviceId: string;
  deviceSecret: string;
  enrollmentToken: string;
  fleet: string;
  inventory: Inventory;
  state: DeviceState;
}

export type AuthenticationResult = { ok: true; device: DeviceRecord } | { ok: false; reason: string };

const sameSecret = (a: string, b: string) => timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

export class DeviceRegistry {
  constructor(
    private readonly store: Store,
    private readonly events: SimulationEvents,
    private readonly clock: ControllableClock,
    private readonly enrollmentTokenHash: string,
  ) {}

  static hashEnrollmentToken(token: string): string {
    return sha256Hex(token);
  }

  /**
   * A known device must prove its own secret; a new one enrolls with the fleet's enrollment token and its secret is
   * remembered from then on, so no device can later speak for another.
   */
  authenticate(hello: HelloCredentials): AuthenticationResult {
    const known = this.store.devices.get(hello.deviceId);
    const now = this.clock.now();
    if (known) {
      if (!sameSecret(known.secretHash, sha256Hex(hello.deviceSecret))) {
        return { ok: false, reason: 'The device credentials do not match this device.' };
      }
      const updated: DeviceRecord = {
        ...known,
        inventory: hello.inventory,
        unlockToken: hello.inventory.unlockToken ?? known.unlockToken,
        state: hello.state,
        lastSyncAt: now,
      };
      this.store.devices.put(updated);
      return { ok: true, device: updated };
    }
    if (!sameSecret(this.enrollmentTokenHash, sha256Hex(hello.enrollmentToken))) {
      return { ok: false, reason: 'The enrollment token is not valid.' };
    }
    const enrolled: DeviceRecord = {
      id: hello.deviceId,
      fleet: hello.fleet,
      secretHash: sha256Hex(hello.deviceSecret),
      inventory: hello.inventory,
      unlockToken: hello.inventory.unlockToken ?? null,
      state: hello.state,
      enrolledAt: now,
      lastSyncAt: now,
      connected: false,
    };
    this.store.devices.put(enrolled);
    return { ok: true, device: enrolled };
  }

  get(deviceId: string): DeviceRecord | undefined {
    return this.store.devices.get(deviceId);
  }

  list(): DeviceRecord[] {
    return this.store.devices.list();
  }

  /** Every device's id in `list`'s order, not copied per call (Graph's pages of a large tenant). */
  ids(): readonly string[] {
    return this.store.devices.ids();
  }

  /** The device's listing sequence, where a Graph page's cursor places it. */
  sequenceOf(deviceId: string): ListingSequence | undefined {
    return this.store.devices.sequenceOf(deviceId);
  }

  count(): number {
    return this.store.devices.count();
  }

  /**
   * Removes a disconnected device and its queued commands, so a test run can leave a shared server as it found it;
   * its actions stay in the audit. A connected device must be disconnected first.
   */
  remove(deviceId: string): 'removed' | 'unknown' | 'connected' {
    const device = this.store.devices.get(deviceId);
    if (!device) return 'unknown';
    if (device.connected) return 'connected';
    for (const command of this.store.commands.pendingFor(deviceId))
      this.store.commands.remove(command.commandId);
    this.store.devices.remove(deviceId);
    return 'removed';
  }

  setConnected(deviceId: string, connected: boolean): void {
    this.change(deviceId, { connected });
  }

  reportState(deviceId: string, state: DeviceState): void {
    this.change(deviceId, { state });
  }

  /** The device answered (a command's result with its state unchanged): a check-in, Graph's lastSyncDateTime. */
  checkedIn(deviceId: string): void {
    this.change(deviceId, {});
  }

  private change(deviceId: string, patch: Partial<DeviceRecord>): void {
    const device = this.store.devices.get(deviceId);
    if (!device) return;
    const updated = { ...device, ...patch, lastSyncAt: this.clock.now() };
    this.store.devices.put(updated);
    this.events.emit('device', updated);
  }
}
