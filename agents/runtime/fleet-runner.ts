// Runs a whole fleet of emulated devices in one process, on one shared simulated clock, ramping connections up.
import type { Logger } from 'pino';
import { ControllableClock } from '../../lib/controllable-clock.js';
import { GATEWAY_PATH } from '../../shared/protocol.js';
import type { SupportEdition } from '../../shared/support-matrix.js';
import { inventoryOf, unlockTokenOf } from '../fleet/device-inventory.js';
import type { FleetSpec } from '../fleet/fleet-spec.js';
import { type CredentialStore, entryFingerprintOf } from './credential-store.js';
import { type AgentStatus, DeviceAgent } from './device-agent.js';
import { deviceIdFor, deviceSecretFor } from './device-identity.js';
import { ephemeralDeviceKey } from './device-key.js';
import { deviceSetupOf, startEmulatedDevice } from './emulated-device.js';
import type { LockoutStore } from './lockout-store.js';
import {
  enrollOfflineDevices,
  type OfflineEnrollmentResult,
  type OfflineEntry,
} from './offline-enrollment.js';

export interface FleetOptions {
  /** The server's base URL (http, https, ws or wss). */
  serverUrl: string;
  enrollmentToken: string;
  /** Device identities derive from this name: give each agents process its own. */
  fleetName: string;
  /**
   * The fleet's device key: each device's secret and unlock token derive from it and the device id. A fresh random
   * key when absent, so the fleet's devices cannot reconnect after this process ends (agents/main.ts keeps one).
   */
  deviceKey?: string;
  logger: Logger;
  /** How many devices may be connecting at once while the fleet starts. */
  connectConcurrency?: number;
  /** Extra CA certificates (PEM) to trust when the server URL is https/wss. */
  ca?: string;
  /** Where the devices' passcode failure counts and lockouts are kept across restarts; in memory only when absent. */
  lockouts?: LockoutStore;
  /** Where the devices' passcodes and reset tokens are kept across restarts (closed by `stop`); in memory when absent. */
  credentials?: CredentialStore;
  /** The server's support edition, whose Company Portal the devices run (the seed's when absent). */
  supportEdition?: SupportEdition;
}

export interface RunningFleet {
  readonly agents: readonly DeviceAgent[];
  /** Entries declared `online: false`: enrolled by `enrollOffline`, never run. */
  readonly offline: readonly OfflineEntry[];
  /** Enrolls the offline entries' devices (each once, then gone); `connectFleet` does it after the live ones. */
  enrollOffline(onProgress?: (done: number, total: number) => void): Promise<OfflineEnrollmentResult>;
  readonly clock: ControllableClock;
  /** The key the fleet's device secrets and unlock tokens derive from (for this process's own tests and tools). */
  readonly deviceKey: string;
  agent(deviceId: string): DeviceAgent | undefined;
  stop(): Promise<void>;
}

export function gatewayUrlOf(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
  url.pathname = GATEWAY_PATH;
  return url.toString();
}

/** Builds every device of the fleet (identities, inventories, machines) without connecting any. */
export function createFleet(spec: FleetSpec, options: FleetOptions): RunningFleet {
  const clock = new ControllableClock({ speed: 1 });
  const gatewayUrl = gatewayUrlOf(options.serverUrl);
  const deviceKey = options.deviceKey ?? ephemeralDeviceKey();
  const agents: DeviceAgent[] = [];
  let ordinal = 0;
  const offline: OfflineEntry[] = [];
  // One options object for the whole fleet: agents only read it.
  const agentOptions = {
    gatewayUrl,
    enrollmentToken: options.enrollmentToken,
    fleet: options.fleetName,
    clock,
    logger: options.logger,
    ...(options.ca ? { ca: options.ca } : {}),
  };
  // The whole fleet starts at one simulated instant: devices of an entry then share their first snapshot (a start time
  // read per device changes every millisecond of a build that takes several hundred).
  const startedAt = clock.now();
  for (const entry of spec.devices) {
    if (!entry.online) {
      // Offline devices keep their place in the numbering, so ids stay stable whichever entries are live.
      offline.push({ entry, firstOrdinal: ordinal });
      ordinal += entry.count;
      continue;
    }
    const fingerprint = options.credentials ? entryFingerprintOf(entry) : '';
    for (let copy = 0; copy < entry.count; copy++, ordinal++) {
      const deviceId = deviceIdFor(options.fleetName, ordinal);
      const unlockToken = unlockTokenOf(deviceKey, deviceId);
      const inventory = inventoryOf(entry, deviceId, ordinal, options.fleetName, deviceKey, unlockToken);
      const kept = {
        lockout: options.lockouts?.get(deviceId),
        credential: options.credentials?.get(deviceId, fingerprint),
      };
      const device = startEmulatedDevice(
        deviceSetupOf(entry, unlockToken, startedAt, kept, options.supportEdition),
        clock,
      );
      const { lockouts, credentials } = options;
      if (lockouts) device.onLockoutChange((lockout) => lockouts.set(deviceId, lockout));
      if (credentials)
        device.onCredentialChange((credential) => credentials.set(deviceId, fingerprint, credential));
      const agent = new DeviceAgent(
        deviceId,
        deviceSecretFor(deviceKey, deviceId),
        inventory,
        device,
        agentOptions,
      );
      if (kept.lockout?.lockout) {
        // A kept lockout's period starts over once the device has the simulation's time, at its first welcome.
        const off = agent.onStatus((status) => {
          if (status !== 'online') return;
          off();
          device.resumeLockout();
        });
      }
      agents.push(agent);
    }
  }
  const forgotten = options.credentials?.forgottenForChangedEntries ?? 0;
  if (forgotten > 0) {
    options.logger.warn(
      { devices: forgotten },
      'devices whose fleet file entry changed since their passcode was kept start from the fleet file',
    );
  }
  const byId = new Map(agents.map((agent) => [agent.deviceId, agent]));
  return {
    agents,
    offline,
    enrollOffline: (onProgress) =>
      enrollOfflineDevices(
        offline,
        {
          gatewayUrl,
          enrollmentToken: options.enrollmentToken,
          fleetName: options.fleetName,
          deviceKey,
          clock,
          logger: options.logger,
          ...(options.supportEdition ? { supportEdition: options.supportEdition } : {}),
          ...(options.connectConcurrency ? { concurrency: options.connectConcurrency } : {}),
        },
        onProgress,
      ),
    clock,
    deviceKey,
    agent: (deviceId) => byId.get(deviceId),
    async stop() {
      await Promise.all(agents.map((agent) => agent.stop()));
      for (const agent of agents) agent.device.stop();
      options.credentials?.close();
      clock.stop();
    },
  };
}

/**
 * Connects every live device, at most `connectConcurrency` at a time, and resolves once each is online or refused and
 * every offline device has been enrolled.
 */
export async function connectFleet(
  fleet: RunningFleet,
  options: Pick<FleetOptions, 'connectConcurrency'> & {
    /** Called once every live device is online or refused, before the offline ones enroll. */
    onLive?: () => void;
  },
  onProgress?: (online: number, total: number) => void,
): Promise<{ offline: OfflineEnrollmentResult }> {
  const concurrency = options.connectConcurrency ?? 200;
  let next = 0;
  let online = 0;
  const settle = (agent: DeviceAgent) =>
    new Promise<void>((resolve) => {
      const off = agent.onStatus((status: AgentStatus) => {
        if (status === 'online') {
          online++;
          onProgress?.(online, fleet.agents.length);
        }
        if (status === 'online' || status === 'refused' || status === 'stopped') {
          off();
          resolve();
        }
      });
      agent.start();
    });
  const worker = async () => {
    while (next < fleet.agents.length) {
      const agent = fleet.agents[next++];
      if (agent) await settle(agent);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, fleet.agents.length) }, worker));
  options.onLive?.();
  return { offline: fleet.offline.length > 0 ? await fleet.enrollOffline() : { enrolled: 0, failed: 0 } };
}
