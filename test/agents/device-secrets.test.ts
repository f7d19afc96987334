// Device secrets and unlock tokens come from the fleet's device key: the enrollment token and public ids are not enough.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFleet } from '../../agents/fleet/load-fleet.js';
import { deviceSecretFor, deviceValue } from '../../agents/runtime/device-identity.js';
import { deviceKeyFileOf, loadOrCreateDeviceKey } from '../../agents/runtime/device-key.js';
import { connectFleet, createFleet } from '../../agents/runtime/fleet-runner.js';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { PROTOCOL_VERSION } from '../../shared/protocol.js';
import { connectRawDevice } from '../support/raw-device.js';

const TOKEN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

describe('per-device secrets', () => {
  let sim: Simulation;
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'mdmsim-device-key-'));
    sim = await startSimulation({
      fleet: {
        devices: [{ name: 'iphone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1234' }],
      },
    });
  });
  afterAll(async () => {
    await sim.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('refuses a hello whose secret derives from the enrollment token and the public id, keeping the real device', async () => {
    const id = sim.deviceId('iphone');
    const agent = sim.fleet.agent(id);
    if (!agent) throw new Error('no agent');
    const attacker = await connectRawDevice(sim.url);
    attacker.sendJson({
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      deviceId: id,
      deviceSecret: deviceSecretFor(sim.enrollmentToken, id),
      enrollmentToken: sim.enrollmentToken,
      fleet: 'attacker',
      inventory: agent.inventory,
      state: agent.device.state(),
    });
    expect((await attacker.closed).code).toBe(4001);
    expect(sim.device(id).connected).toBe(true);
    expect(agent.status).toBe('online');
  });

  it('gives iOS devices unlock tokens nobody can compute from the device id', () => {
    const id = sim.deviceId('iphone');
    const unlockToken = sim.fleet.agent(id)?.inventory.unlockToken;
    expect(unlockToken).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(unlockToken).not.toBe(deviceValue(id, 'unlock-token', 32, TOKEN));
    expect(sim.fleet.deviceKey).not.toBe(sim.enrollmentToken);
  });

  it('keeps the fleet key in the data folder (owner-only) so a restarted agents process gets its devices back', async () => {
    const key = await loadOrCreateDeviceKey(folder, 'lab/1');
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(await loadOrCreateDeviceKey(folder, 'lab/1')).toBe(key);
    expect(await loadOrCreateDeviceKey(folder, 'lab-2')).not.toBe(key);
    const file = deviceKeyFileOf(folder, 'lab/1');
    expect((await readFile(file, 'utf8')).trim()).toBe(key);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const spec = parseFleet(
      { devices: [{ name: 'ipad', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1234' }] },
      'test',
    );
    const options = {
      serverUrl: sim.url,
      enrollmentToken: sim.enrollmentToken,
      fleetName: 'restarted',
      logger: pino({ level: 'silent' }),
    };
    const first = createFleet(spec, { ...options, deviceKey: key });
    await connectFleet(first, {});
    expect(first.agents[0]?.status).toBe('online');
    await first.stop();
    const again = createFleet(spec, { ...options, deviceKey: await loadOrCreateDeviceKey(folder, 'lab/1') });
    await connectFleet(again, {});
    expect(again.agents[0]?.status).toBe('online');
    await again.stop();
    const stranger = createFleet(spec, options);
    await connectFleet(stranger, {});
    expect(stranger.agents[0]?.status).toBe('refused');
    await stranger.stop();
  });
});
