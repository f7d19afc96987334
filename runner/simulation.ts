// The programmatic API: start a real server and real agents in-process on free ports, then drive and observe them.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import pino from 'pino';
import type { FleetSpec } from '../agents/fleet/fleet-spec.js';
import { parseFleet } from '../agents/fleet/load-fleet.js';
import type { RunningFleet } from '../agents/runtime/fleet-runner.js';
import type { App } from '../server/app.js';
import type { ThrottlingSetting } from '../server/graph/throttling/throttle-limits.js';
import { privateAppConfig, startHost } from '../server/host.js';
import { simAction, simDevice } from '../server/sim/sim-device-view.js';
import type { ActionRecord, DeviceRecord } from '../server/store/store.js';
import type { StoreLocation } from '../server/store/store-plugin.js';
import type { ActionView } from '../shared/sim/action-view.js';
import type { DeviceView } from '../shared/sim/device-view.js';
import type { SupportEdition } from '../shared/support-matrix.js';

export interface SimulationOptions {
  /** A fleet as in a fleet file (validated here). */
  fleet: unknown;
  fleetName?: string;
  supportEdition?: SupportEdition;
  /** Simulated ms per real ms; the default 0 keeps time still until `advanceClock`. */
  clockSpeed?: number;
  notNowRetryMs?: number;
  /** The agents' logger; silent by default. */
  logger?: Logger;
  /** The server's logger; silent by default. */
  serverLogger?: Logger;
  /** Graph throttling limits (Intune's by default; null is off) and the throttler's clock, as in AppConfig. */
  throttling?: ThrottlingSetting;
  throttleClock?: () => number;
  batchRequestTimeoutMs?: number;
  /** Real ms the server waits for a device's answer (a user input, a reset's state report); 5 s by default. */
  inputTimeoutMs?: number;
  /** Where the server keeps its records; memory by default. */
  store?: StoreLocation;
}

/** A device as /sim shows it (shared/sim/device-view.ts). */
export type SimDevice = DeviceView;
/** An action as /sim shows it (shared/sim/action-view.ts). */
export type SimAction = ActionView;

export interface Simulation {
  readonly app: App;
  readonly url: string;
  readonly adminToken: string;
  /** The bearer token of /sim and its event stream. */
  readonly simToken: string;
  readonly enrollmentToken: string;
  readonly fleet: RunningFleet;
  readonly fleetSpec: FleetSpec;
  /** The device whose deviceName is `name`. */
  deviceId(name: string): string;
  device(id: string): SimDevice;
  latestAction(deviceId: string): SimAction | null;
  advanceClock(ms: number): void;
  /** Resolves with the device once `predicate` holds, checking now and on every change; rejects after `timeoutMs`. */
  waitForDevice(
    id: string,
    predicate: (device: SimDevice) => boolean,
    timeoutMs?: number,
  ): Promise<SimDevice>;
  waitForAction(
    deviceId: string,
    predicate: (action: SimAction) => boolean,
    timeoutMs?: number,
  ): Promise<SimAction>;
  close(): Promise<void>;
}

const DEFAULT_WAIT_MS = 5_000;

export async function startSimulation(options: SimulationOptions): Promise<Simulation> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const fleetSpec = parseFleet(options.fleet, 'the simulation fleet');
  const host = await startHost({
    app: privateAppConfig({
      supportEdition: options.supportEdition ?? '2018-03',
      clockSpeed: options.clockSpeed ?? 0,
      notNowRetryMs: options.notNowRetryMs ?? 60_000,
      ...(options.serverLogger ? { loggerInstance: options.serverLogger } : {}),
      ...(options.throttling !== undefined ? { throttling: options.throttling } : {}),
      ...(options.throttleClock ? { throttleClock: options.throttleClock } : {}),
      ...(options.batchRequestTimeoutMs ? { batchRequestTimeoutMs: options.batchRequestTimeoutMs } : {}),
      ...(options.inputTimeoutMs ? { inputTimeoutMs: options.inputTimeoutMs } : {}),
      ...(options.store ? { store: options.store } : {}),
    }),
    listen: { host: '127.0.0.1', port: 0 },
    fleet: { spec: fleetSpec, name: options.fleetName ?? `sim-${randomBytes(4).toString('hex')}`, logger },
  });
  const { app, url } = host;
  const fleet = host.fleet as RunningFleet;
  const { registry, actions, events, clock } = app.services;

  const device = (id: string): SimDevice => {
    const record = registry.get(id);
    if (!record) throw new Error(`No device ${id} has enrolled.`);
    return simDevice(record, actions);
  };
  const latestAction = (deviceId: string): SimAction | null => {
    const action = actions.latestFor(deviceId);
    return action ? simAction(action) : null;
  };

  function waitOn<T>(
    event: 'device' | 'action',
    matches: (record: DeviceRecord | ActionRecord) => boolean,
    current: () => T | null,
    predicate: (value: T) => boolean,
    describe: string,
    timeoutMs: number,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = current();
        if (value !== null && predicate(value)) {
          cleanup();
          resolve(value);
        }
      };
      const listener = (record: DeviceRecord | ActionRecord) => {
        if (matches(record)) check();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for ${describe}; last: ${JSON.stringify(current())}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        events.off(event, listener);
      };
      events.on(event, listener);
      check();
    });
  }

  return {
    app,
    url,
    adminToken: host.config.adminToken,
    simToken: host.config.simToken,
    enrollmentToken: host.config.enrollmentToken,
    fleet,
    fleetSpec,
    deviceId(name) {
      const found = registry.list().find((record) => record.inventory.deviceName === name);
      if (!found) throw new Error(`No device named "${name}".`);
      return found.id;
    },
    device,
    latestAction,
    advanceClock: (ms) => void clock.advance(ms),
    waitForDevice: (id, predicate, timeoutMs = DEFAULT_WAIT_MS) =>
      waitOn(
        'device',
        (record) => record.id === id,
        () => device(id),
        predicate,
        `device ${id}`,
        timeoutMs,
      ),
    waitForAction: (deviceId, predicate, timeoutMs = DEFAULT_WAIT_MS) =>
      waitOn(
        'action',
        (record) => (record as ActionRecord).deviceId === deviceId,
        () => latestAction(deviceId),
        predicate,
        `the action on device ${deviceId}`,
        timeoutMs,
      ),
    close: () => host.close(),
  };
}
