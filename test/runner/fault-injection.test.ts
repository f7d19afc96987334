// Faults reach a device's agent through POST /sim/devices/:id/faults, and the agent obeys them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultInjector } from '../../agents/runtime/fault-injector.js';
import { type Simulation, startSimulation } from '../../runner/simulation.js';

describe('POST /sim/devices/:id/faults', () => {
  let sim: Simulation;
  let id: string;
  const post = (deviceId: string, body: unknown) =>
    fetch(`${sim.url}/sim/devices/${deviceId}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sim.simToken}` },
      body: JSON.stringify(body),
    });

  beforeEach(async () => {
    sim = await startSimulation({
      fleet: {
        devices: [{ name: 'iPad', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '2468' }],
      },
    });
    id = sim.deviceId('iPad');
  });
  afterEach(() => sim.close());

  it('forwards a fault to the connected agent (202), which answers NotNow and keeps the action pending', async () => {
    const states: string[] = [];
    sim.app.services.events.on('action', (action) => states.push(action.state));
    const response = await post(id, { kind: 'notNow', times: 1 });
    expect(response.status).toBe(202);
    const reset = await fetch(`${sim.url}/v1.0/deviceManagement/managedDevices/${id}/resetPasscode`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.adminToken}` },
    });
    expect(reset.status).toBe(204);
    // Active once delivered, then pending again after the NotNow.
    await sim.waitForAction(id, (action) => action.state === 'pending' && states.length >= 3);
    expect(states).toEqual(['pending', 'active', 'pending']);
    sim.advanceClock(60_000);
    const done = await sim.waitForAction(id, (action) => action.state === 'done');
    expect(done.state).toBe('done');
  });

  it('takes a device offline, then answers 409 DeviceOffline', async () => {
    expect((await post(id, { kind: 'offline' })).status).toBe(202);
    await sim.waitForDevice(id, (device) => !device.connected);
    const response = await post(id, { kind: 'latency', ms: 10 });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('DeviceOffline');
    sim.fleet.agent(id)?.faults.apply({ kind: 'online' });
    await sim.waitForDevice(id, (device) => device.connected);
  });

  it('rejects an unknown device (404) and an invalid fault (400)', async () => {
    expect((await post('00000000-0000-5000-8000-000000000000', { kind: 'online' })).status).toBe(404);
    expect((await post(id, { kind: 'notNow', times: 0 })).status).toBe(400);
    expect((await post(id, { kind: 'explode' })).status).toBe(400);
  });
});

describe('FaultInjector', () => {
  it('uses up NotNow and drop faults one command at a time, drop first', () => {
    const injector = new FaultInjector({ goOffline: () => undefined, goOnline: () => undefined });
    injector.apply({ kind: 'notNow', times: 2 });
    injector.apply({ kind: 'dropConnectionOnCommand' });
    expect([1, 2, 3, 4].map(() => injector.fateOfCommand())).toEqual(['drop', 'notNow', 'notNow', 'run']);
  });

  it('passes offline and online to the agent', () => {
    const calls: string[] = [];
    const injector = new FaultInjector({
      goOffline: (forMs) => calls.push(`offline ${forMs}`),
      goOnline: () => calls.push('online'),
    });
    injector.apply({ kind: 'offline', forMs: 5 });
    injector.apply({ kind: 'offline' });
    injector.apply({ kind: 'online' });
    expect(calls).toEqual(['offline 5', 'offline undefined', 'online']);
  });
});
