// The scenario's devices, run by the runner itself in both modes, so it can restart their agents like processes.
import type { Logger } from 'pino';
import { parseFleet } from '../agents/fleet/load-fleet.js';
import { type AgentStatus, DeviceAgent } from '../agents/runtime/device-agent.js';
import { deviceSecretFor } from '../agents/runtime/device-identity.js';
import {
  connectFleet,
  createFleet,
  gatewayUrlOf,
  type RunningFleet,
} from '../agents/runtime/fleet-runner.js';
import type { SupportEdition } from '../shared/support-matrix.js';
import { RunCancelled, untilCancelled } from './cancellation.js';
import type { ScenarioDevice } from './scenario-schema.js';
import { ServerUnavailable } from './server-unavailable.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './sim-client.js';

export interface ScenarioFleetOptions {
  serverUrl: string;
  enrollmentToken: string;
  fleetName: string;
  logger: Logger;
  /** Real ms the devices may take to come online; past it the server counts as unavailable. */
  connectTimeoutMs?: number;
  /** An interrupted run: the devices stop at once and `start` throws RunCancelled naming them. */
  signal?: AbortSignal;
  /** The support edition whose Company Portal the devices run (the server's). */
  supportEdition?: SupportEdition;
}

export class ScenarioFleet {
  private readonly current = new Map<string, DeviceAgent>();
  private readonly ids = new Map<string, string>();

  private constructor(
    private readonly fleet: RunningFleet,
    private readonly options: ScenarioFleetOptions,
  ) {
    for (const agent of fleet.agents) {
      this.current.set(agent.deviceId, agent);
      this.ids.set(agent.inventory.deviceName, agent.deviceId);
    }
  }

  static async start(
    devices: readonly ScenarioDevice[],
    options: ScenarioFleetOptions,
  ): Promise<ScenarioFleet> {
    const spec = parseFleet(
      { devices: devices.map((device) => ({ ...device, count: 1 })) },
      'the scenario fleet',
    );
    const fleet = createFleet(spec, options);
    const started = new ScenarioFleet(fleet, options);
    // Agents retry a server they cannot reach for as long as they run: the runner gives up on it after a while.
    let deadline: NodeJS.Timeout | undefined;
    const timeoutMs = options.connectTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    let gaveUp: boolean;
    try {
      gaveUp = await untilCancelled(
        Promise.race([
          connectFleet(fleet, {}).then(() => false),
          new Promise<boolean>((resolve) => {
            deadline = setTimeout(() => resolve(true), timeoutMs);
          }),
        ]),
        options.signal,
      );
    } catch (error) {
      if (!(error instanceof RunCancelled)) throw error;
      // Those that enrolled are on the server: the caller removes them, by these ids.
      await started.stop(true);
      throw new RunCancelled(error.reason, started.allIds());
    } finally {
      clearTimeout(deadline);
    }
    if (gaveUp) {
      const offline = fleet.agents.filter((agent) => agent.status !== 'online').length;
      await started.stop(true);
      throw new ServerUnavailable(
        `${offline} of the scenario's ${fleet.agents.length} device(s) could not connect within ${timeoutMs} ms.`,
      );
    }
    const refused = fleet.agents.filter((agent) => agent.status !== 'online');
    if (refused.length > 0) {
      await started.stop();
      // A wrong enrollment token or a server older than the runner: the environment, not the behaviour under test.
      const reasons = [...new Set(refused.map((agent) => agent.refusal ?? 'no reason given'))].join('; ');
      throw new ServerUnavailable(
        `The server refused ${refused.map((agent) => agent.inventory.deviceName).join(', ')}: ${reasons} (check the enrollment token, and that the server is as new as the runner).`,
      );
    }
    return started;
  }

  get clock() {
    return this.fleet.clock;
  }

  idOf(name: string): string {
    const id = this.ids.get(name);
    if (!id) throw new Error(`No device named "${name}" in this scenario.`);
    return id;
  }

  allIds(): string[] {
    return [...this.current.keys()];
  }

  agent(id: string): DeviceAgent {
    const agent = this.current.get(id);
    if (!agent) throw new Error(`No agent for device ${id}.`);
    return agent;
  }

  /** Stops these devices' agents and starts new agent objects with the same identity and device; they reconnect. */
  async restartAgents(ids: readonly string[], timeoutMs: number): Promise<void> {
    for (const id of ids) {
      const old = this.agent(id);
      await old.stop();
      const fresh = new DeviceAgent(
        id,
        deviceSecretFor(this.fleet.deviceKey, id),
        old.inventory,
        old.device,
        {
          gatewayUrl: gatewayUrlOf(this.options.serverUrl),
          enrollmentToken: this.options.enrollmentToken,
          fleet: this.options.fleetName,
          clock: this.fleet.clock,
          logger: this.options.logger,
        },
      );
      this.current.set(id, fresh);
      fresh.start();
    }
    await this.waitOnline(ids, timeoutMs);
  }

  /** Resolves once every listed agent is online, waiting on their status changes. */
  waitOnline(ids: readonly string[], timeoutMs: number): Promise<void> {
    return Promise.all(
      ids.map(
        (id) =>
          new Promise<void>((resolve, reject) => {
            const agent = this.agent(id);
            if (agent.status === 'online') {
              resolve();
              return;
            }
            const timer = setTimeout(() => {
              off();
              reject(
                new Error(`${agent.inventory.deviceName} did not come back online within ${timeoutMs} ms.`),
              );
            }, timeoutMs);
            const off = agent.onStatus((status: AgentStatus) => {
              if (status !== 'online') return;
              clearTimeout(timer);
              off();
              resolve();
            });
          }),
      ),
    ).then(() => undefined);
  }

  /**
   * Call before cutting the agents off: resolves once each has lost its connection and come back online, waiting on
   * their status changes.
   */
  reconnected(ids: readonly string[], timeoutMs: number): Promise<void> {
    return Promise.all(
      ids.map(
        (id) =>
          new Promise<void>((resolve, reject) => {
            const agent = this.agent(id);
            let wentAway = false;
            const timer = setTimeout(() => {
              off();
              reject(new Error(`${agent.inventory.deviceName} did not reconnect within ${timeoutMs} ms.`));
            }, timeoutMs);
            const off = agent.onStatus((status: AgentStatus) => {
              if (status !== 'online') {
                wentAway = true;
                return;
              }
              if (!wentAway) return;
              clearTimeout(timer);
              off();
              resolve();
            });
          }),
      ),
    ).then(() => undefined);
  }

  /** `abrupt`: without closing handshakes, for a server that no longer answers. */
  async stop(abrupt = false): Promise<void> {
    await Promise.all([...this.current.values()].map((agent) => agent.stop(abrupt)));
    await this.fleet.stop();
  }
}
