// Enrolled-but-offline devices: each enrolls with a real hello on its own connection, then leaves and holds nothing.
import type { Logger } from 'pino';
import WebSocket from 'ws';
import type { ControllableClock } from '../../lib/controllable-clock.js';
import type { DeviceState } from '../../shared/device-state.js';
import { PROTOCOL_VERSION, ServerMessage } from '../../shared/protocol.js';
import type { SupportEdition } from '../../shared/support-matrix.js';
import { inventoryOf, unlockTokenOf } from '../fleet/device-inventory.js';
import type { DeviceSpec } from '../fleet/fleet-spec.js';
import { deviceIdFor, deviceSecretFor } from './device-identity.js';
import { deviceSetupOf, startEmulatedDevice } from './emulated-device.js';

/** A fleet entry declared `online: false`, and the ordinal of its first device in the fleet's numbering. */
export interface OfflineEntry {
  entry: DeviceSpec;
  firstOrdinal: number;
}

export interface OfflineEnrollmentOptions {
  gatewayUrl: string;
  enrollmentToken: string;
  fleetName: string;
  deviceKey: string;
  clock: ControllableClock;
  logger: Logger;
  /** Enrollments in flight at once. */
  concurrency?: number;
  /** The server's support edition, whose Company Portal the devices run (the seed's when absent). */
  supportEdition?: SupportEdition;
  /** A device that is not welcomed within this long counts as failed. */
  timeoutMs?: number;
}

export interface OfflineEnrollmentResult {
  enrolled: number;
  failed: number;
}

/** What a device of this entry shows right after enrollment: its machine's first state, computed once per entry. */
function initialStateOf(
  entry: DeviceSpec,
  unlockToken: string,
  clock: ControllableClock,
  supportEdition: SupportEdition | undefined,
): DeviceState {
  const device = startEmulatedDevice(
    deviceSetupOf(entry, unlockToken, clock.now(), {}, supportEdition),
    clock,
  );
  const state = device.state();
  device.stop();
  return state;
}

/** Opens a connection, says hello, waits for the welcome and closes normally; resolves whether it was welcomed. */
function enrollOnce(
  options: OfflineEnrollmentOptions,
  hello: Record<string, unknown> & { deviceId: string },
): Promise<boolean> {
  return new Promise((resolve) => {
    let welcomed = false;
    const socket = new WebSocket(options.gatewayUrl, { perMessageDeflate: false });
    const timer = setTimeout(() => socket.terminate(), options.timeoutMs ?? 30_000);
    socket.on('open', () => socket.send(JSON.stringify(hello)));
    socket.on('message', (data) => {
      let parsed: ReturnType<typeof ServerMessage.safeParse> | undefined;
      try {
        parsed = ServerMessage.safeParse(JSON.parse(data.toString()));
      } catch {
        parsed = undefined;
      }
      if (parsed?.success && parsed.data.type === 'welcome' && parsed.data.deviceId === hello.deviceId) {
        welcomed = true;
        socket.close(1000, 'enrolled; going offline');
      }
    });
    socket.on('error', (error) =>
      options.logger.debug({ err: error, deviceId: hello.deviceId }, 'offline enrollment socket error'),
    );
    socket.on('close', (code, reason) => {
      clearTimeout(timer);
      if (!welcomed) {
        options.logger.warn(
          { deviceId: hello.deviceId, code, reason: reason.toString() },
          'offline device was not enrolled',
        );
      }
      resolve(welcomed);
    });
  });
}

/** Enrolls every device of the offline entries, `concurrency` at a time, and reports how many the server welcomed. */
export async function enrollOfflineDevices(
  entries: readonly OfflineEntry[],
  options: OfflineEnrollmentOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<OfflineEnrollmentResult> {
  const jobs = entries.map(({ entry, firstOrdinal }) => ({
    entry,
    firstOrdinal,
    count: entry.count,
    state: initialStateOf(
      entry,
      unlockTokenOf(options.deviceKey, deviceIdFor(options.fleetName, firstOrdinal)),
      options.clock,
      options.supportEdition,
    ),
  }));
  const total = jobs.reduce((sum, job) => sum + job.count, 0);
  let jobIndex = 0;
  let copy = 0;
  const next = () => {
    while (jobIndex < jobs.length) {
      const job = jobs[jobIndex];
      if (job && copy < job.count) return { job, ordinal: job.firstOrdinal + copy++ };
      jobIndex++;
      copy = 0;
    }
    return undefined;
  };
  let enrolled = 0;
  let failed = 0;
  const worker = async () => {
    for (let item = next(); item; item = next()) {
      const { job, ordinal } = item;
      const deviceId = deviceIdFor(options.fleetName, ordinal);
      const inventory = inventoryOf(job.entry, deviceId, ordinal, options.fleetName, options.deviceKey);
      const ok = await enrollOnce(options, {
        type: 'hello',
        protocolVersion: PROTOCOL_VERSION,
        deviceId,
        deviceSecret: deviceSecretFor(options.deviceKey, deviceId),
        enrollmentToken: options.enrollmentToken,
        fleet: options.fleetName,
        inventory,
        state: job.state,
      });
      if (ok) enrolled++;
      else failed++;
      onProgress?.(enrolled + failed, total);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 200, total) }, worker));
  return { enrolled, failed };
}
