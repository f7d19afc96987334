// Regressions: a valid frame the server fails to handle (here SQLite refuses the change: SQLITE_FULL) closes that
// connection with 1011, so the device reconnects and is served again, instead of leaving it believing it was heard;
// and a disconnect the store cannot record is logged, never an uncaught exception that takes the server down.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseFleet } from '../../agents/fleet/load-fleet.js';
import { deviceSecretFor } from '../../agents/runtime/device-identity.js';
import { gatewayUrlOf } from '../../agents/runtime/fleet-runner.js';
import { privateAppConfig, startHost } from '../../server/host.js';
import { FrameCloseCode, PROTOCOL_VERSION, type ServerMessage } from '../../shared/protocol.js';
import { capturedLog } from '../support/captured-log.js';

const folder = mkdtempSync(join(tmpdir(), 'mdmsim-frame-failure-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const fleet = parseFleet(
  {
    devices: [
      { name: 'phone', enrollment: 'androidDeviceAdministrator', osVersion: '6.0', passcode: '1234' },
    ],
  },
  'test fleet',
);
const DEVICE_KEY = 'frame-failure-test-device-key';
const silent = pino({ level: 'silent' });

/** Opens a device connection: its frames, a wait for the next frame of a type, and its close code. */
async function rawConnection(url: string) {
  const socket = new WebSocket(gatewayUrlOf(url));
  const frames: ServerMessage[] = [];
  const arrived: Array<() => void> = [];
  socket.on('message', (data) => {
    frames.push(JSON.parse(data.toString()) as ServerMessage);
    for (const wake of arrived.splice(0)) wake();
  });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise((resolve) => socket.once('open', resolve));
  const next = <T extends ServerMessage['type']>(type: T) =>
    new Promise<Extract<ServerMessage, { type: T }>>((resolve) => {
      const look = () => {
        const frame = frames.find((f) => f.type === type);
        if (frame) resolve(frame as Extract<ServerMessage, { type: T }>);
        else arrived.push(look);
      };
      look();
    });
  return { socket, closed, next };
}

it('closes with 1011 when the store refuses a frame, logs it once at error, and sends the command again', async () => {
  const path = join(folder, 'full.db');
  // First, with room: the device is enrolled, goes offline, and a reset is queued for it (204).
  const first = await startHost({
    app: privateAppConfig({ store: { kind: 'sqlite', path } }),
    listen: { host: '127.0.0.1', port: 0 },
    fleet: { spec: fleet, name: 'full', logger: silent, deviceKey: DEVICE_KEY },
  });
  const agent = first.fleet?.agents[0];
  if (!agent) throw new Error('no agent');
  await agent.stop();
  const hello = {
    type: 'hello',
    protocolVersion: PROTOCOL_VERSION,
    deviceId: agent.deviceId,
    deviceSecret: deviceSecretFor(DEVICE_KEY, agent.deviceId),
    enrollmentToken: first.config.enrollmentToken,
    fleet: 'full',
    inventory: agent.inventory,
    state: agent.device.state(),
  };
  const accepted = await fetch(
    `${first.url}/v1.0/deviceManagement/managedDevices/${agent.deviceId}/resetPasscode`,
    { method: 'POST', headers: { authorization: `Bearer ${first.config.adminToken}` } },
  );
  expect(accepted.status).toBe(204);
  await first.close();
  const reader = new Database(path, { readonly: true });
  const pages = reader.pragma('page_count', { simple: true }) as number;
  reader.close();

  const { logger, lines } = capturedLog('warn');
  // Then the file may not grow by a single page: a change that needs one is refused as it is made.
  const host = await startHost({
    app: privateAppConfig({
      store: { kind: 'sqlite', path, maxPageCount: pages },
      loggerInstance: logger,
      enrollmentToken: first.config.enrollmentToken,
    }),
    listen: { host: '127.0.0.1', port: 0 },
  });
  try {
    const device = await rawConnection(host.url);
    device.socket.send(JSON.stringify(hello));
    const command = await device.next('command');
    // The device's answer carries a state too large for the file: the store refuses the frame.
    const notification = { id: 'n-1', title: 'Big', body: 'x'.repeat(40_000) };
    device.socket.send(
      JSON.stringify({
        type: 'result',
        result: { commandId: command.commandId, status: 'Acknowledged' },
        state: { ...hello.state, notifications: [notification] },
      }),
    );
    expect(await device.closed).toBe(FrameCloseCode.InternalError);
    const failures = lines.filter((line) => line.msg === 'failed to handle a device frame');
    expect(failures).toHaveLength(1);
    expect(failures[0]?.level).toBe(50);
    expect(JSON.stringify(failures)).not.toContain('x'.repeat(100));

    // The device reconnects: the same command comes again, and its answer finishes the action.
    const again = await rawConnection(host.url);
    again.socket.send(JSON.stringify(hello));
    const resent = await again.next('command');
    expect(resent.commandId).toBe(command.commandId);
    const { events, actions } = host.app.services;
    const done = new Promise<void>((resolve) =>
      events.on('action', (action) => action.state === 'done' && resolve()),
    );
    again.socket.send(
      JSON.stringify({ type: 'result', result: { commandId: resent.commandId, status: 'Acknowledged' } }),
    );
    await done;
    expect(actions.latestFor(hello.deviceId)?.state).toBe('done');
    again.socket.close();
    await again.closed;
  } finally {
    await host.close();
  }
});

it('logs a disconnect the store refuses to record, and keeps serving', async () => {
  const { logger, logged } = capturedLog('warn');
  const host = await startHost({
    app: privateAppConfig({
      store: { kind: 'sqlite', path: join(folder, 'refusing.db') },
      loggerInstance: logger,
    }),
    listen: { host: '127.0.0.1', port: 0 },
    fleet: { spec: fleet, name: 'refusing', logger: silent, deviceKey: DEVICE_KEY },
  });
  try {
    const agent = host.fleet?.agents[0];
    if (!agent) throw new Error('no agent');
    const { events, registry } = host.app.services;
    await new Promise<void>((resolve) => {
      const check = () => registry.get(agent.deviceId)?.connected && resolve();
      events.on('device', check);
      check();
    });
    // From here every change is refused, as by a store whose batch was lost or that is closing.
    host.app.store.close();
    agent.dropConnection();
    await logged('failed to record a device disconnecting');
    const health = await fetch(`${host.url}/health`);
    expect(health.status).toBe(200);
  } finally {
    await host.close().catch(() => undefined);
  }
});
