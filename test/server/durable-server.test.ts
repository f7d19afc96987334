// The server over real sockets: pings cut a dead connection so its command goes to the next session, and a server
// restarted on its SQLite file carries on: same devices, queued commands sent again, a clock that never runs back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseFleet } from '../../agents/fleet/load-fleet.js';
import { deviceSecretFor } from '../../agents/runtime/device-identity.js';
import { gatewayUrlOf } from '../../agents/runtime/fleet-runner.js';
import { privateAppConfig, startHost } from '../../server/host.js';
import type { SimulationEventMap, SimulationEvents } from '../../server/services/simulation-events.js';
import { PROTOCOL_VERSION, type ServerMessage } from '../../shared/protocol.js';

const folder = mkdtempSync(join(tmpdir(), 'mdmsim-durable-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const fleet = parseFleet(
  {
    devices: [
      { name: 'phone', enrollment: 'androidDeviceAdministrator', osVersion: '6.0', passcode: '1234' },
    ],
  },
  'test fleet',
);
const silent = pino({ level: 'silent' });

/** Resolves on the first `action` or `device` event whose record matches. */
function until<K extends 'action' | 'device'>(
  events: SimulationEvents,
  event: K,
  matches: (record: SimulationEventMap[K][0]) => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    const listener = (record: SimulationEventMap[K][0]) => {
      if (!matches(record)) return;
      events.off(event, listener as never);
      resolve();
    };
    events.on(event, listener as never);
  });
}

describe('server liveness and durability', () => {
  it('cuts a connection that stops answering pings, and sends its command to the next session', async () => {
    const host = await startHost({
      app: privateAppConfig({ pingIntervalMs: 50 }),
      listen: { host: '127.0.0.1', port: 0 },
      fleet: { spec: fleet, name: 'ping', logger: silent },
    });
    try {
      const agent = host.fleet?.agents[0];
      if (!agent) throw new Error('no agent');
      await agent.stop();
      // A peer whose network died: it never answers a ping (and so never closes on its own).
      const dead = new WebSocket(gatewayUrlOf(host.url), { autoPong: false });
      const frames: ServerMessage[] = [];
      dead.on('message', (data) => frames.push(JSON.parse(data.toString()) as ServerMessage));
      await new Promise((resolve) => dead.once('open', resolve));
      dead.send(
        JSON.stringify({
          type: 'hello',
          protocolVersion: PROTOCOL_VERSION,
          deviceId: agent.deviceId,
          deviceSecret: deviceSecretFor(host.config.enrollmentToken, agent.deviceId),
          enrollmentToken: host.config.enrollmentToken,
          fleet: 'ping',
          inventory: agent.inventory,
          state: agent.device.state(),
        }),
      );
      const { events, actions } = host.app.services;
      await until(events, 'device', (d) => d.connected);
      const active = until(events, 'action', (a) => a.state === 'active');
      await request(host.url)
        .post(`/v1.0/deviceManagement/managedDevices/${agent.deviceId}/resetPasscode`)
        .set({ Authorization: `Bearer ${host.config.adminToken}` })
        .expect(204);
      await active;
      const requeued = until(events, 'action', (a) => a.state === 'pending');
      const cut = await new Promise<number>((resolve) => dead.once('close', (code) => resolve(code)));
      expect(cut).toBe(1006);
      await requeued;
      expect(actions.latestFor(agent.deviceId)?.state).toBe('pending');
      const done = until(events, 'action', (a) => a.state === 'done');
      agent.resume();
      await done;
    } finally {
      await host.close();
    }
  });

  it('after a restart on the same SQLite file, queued work is delivered and the clock carries on', async () => {
    const config = privateAppConfig({ store: { kind: 'sqlite', path: join(folder, 'restart.db') } });
    const first = await startHost({ app: config, listen: { host: '127.0.0.1', port: 0 } });
    const start = first.app.services.clock.now();
    first.app.services.clock.advance(7 * 24 * 3600_000);
    const advanced = first.app.services.clock.now();
    await first.close();

    const second = await startHost({
      app: config,
      listen: { host: '127.0.0.1', port: 0 },
      fleet: { spec: fleet, name: 'restart', logger: silent },
    });
    try {
      expect(second.app.services.clock.now()).toBeGreaterThanOrEqual(advanced);
      expect(advanced).toBeGreaterThan(start);
      const agent = second.fleet?.agents[0];
      if (!agent) throw new Error('no agent');
      await agent.stop();
      const { events, actions } = second.app.services;
      await request(second.url)
        .post(`/v1.0/deviceManagement/managedDevices/${agent.deviceId}/resetPasscode`)
        .set({ Authorization: `Bearer ${config.adminToken}` })
        .expect(204);
      await second.close();

      const third = await startHost({
        app: config,
        listen: { host: '127.0.0.1', port: 0 },
        fleet: { spec: fleet, name: 'restart', logger: silent },
      });
      try {
        const latest = third.app.services.actions.latestFor(agent.deviceId);
        const finished =
          latest?.state === 'done'
            ? Promise.resolve()
            : until(third.app.services.events, 'action', (a) => a.state === 'done');
        await finished;
        expect(third.app.services.actions.latestFor(agent.deviceId)?.passcode).toMatch(/^\d{6}$/);
        expect(actions).toBeDefined();
        expect(events).toBeDefined();
      } finally {
        await third.close();
      }
    } finally {
      await second.close().catch(() => undefined);
    }
  });
});
