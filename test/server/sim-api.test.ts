// The simulator API: each device as its user sees it, acting as the user, the clock, and the live event stream.
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { adminClient, deviceUser, simRequest } from '../support/admin-client.js';
import { useSimulation } from '../support/use-simulation.js';

describe('simulator API', () => {
  const sim = useSimulation({
    fleet: {
      devices: [
        { name: 'phone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1234' },
        { name: 'gone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1234' },
      ],
    },
  });

  it('lists every device with what its user sees and whether Remove passcode applies', async () => {
    const response = await simRequest(sim).get('/sim/devices').expect(200);
    expect(response.body.devices).toHaveLength(2);
    const phone = await simRequest(sim)
      .get(`/sim/devices/${sim.deviceId('phone')}`)
      .expect(200);
    expect(phone.body).toMatchObject({
      name: 'phone',
      connected: true,
      removePasscode: { supported: true, reason: null },
      state: { screen: { view: 'lockScreen' }, passcodeSet: true, locked: true, compliant: true },
    });
    await simRequest(sim).get('/sim/devices/unknown').expect(404);
  });

  it('validates input bodies and answers 409 with the reason when the device cannot take the input', async () => {
    const user = deviceUser(sim, sim.deviceId('phone'));
    const invalid = await user.act({ type: 'fly' }).expect(400);
    expect(invalid.body.error.code).toBe('BadRequest');
    const wrongScreen = await user.act({ type: 'dismissPrompt' }).expect(409);
    expect(wrongScreen.body.error).toMatchObject({ code: 'InputRefused' });
    // The screen's title may itself end in "screen": the reason never says it twice.
    expect(wrongScreen.body.error.message).toBe(
      'The device cannot take "dismissPrompt" on the screen "Lock screen".',
    );
    const wrong = await user.act({ type: 'unlock', passcode: '0000' }).expect(409);
    expect(wrong.body.error.message).toMatch(/wrong passcode/i);
    expect((await user.act({ type: 'unlock', passcode: '1234' }).expect(200)).body.state.screen.view).toBe(
      'home',
    );
  });

  it('answers 409 DeviceOffline for a device that is not connected', async () => {
    const id = sim.deviceId('gone');
    await sim.fleet.agent(id)?.stop();
    await sim.waitForDevice(id, (d) => !d.connected);
    const response = await deviceUser(sim, id).act({ type: 'unlock' }).expect(409);
    expect(response.body.error.code).toBe('DeviceOffline');
    sim.fleet.agent(id)?.resume();
    await sim.waitForDevice(id, (d) => d.connected);
  });

  it('reads, advances and speeds up the simulated clock, and the devices follow it', async () => {
    const before = (await simRequest(sim).get('/sim/clock').expect(200)).body;
    expect(before.speed).toBe(0);
    const after = (await simRequest(sim).post('/sim/clock', { advanceMs: 3_600_000 }).expect(200)).body;
    expect(after.nowMs).toBe(before.nowMs + 3_600_000);
    expect(new Date(after.now).getTime()).toBe(after.nowMs);
    await simRequest(sim).post('/sim/clock', {}).expect(400);
    await simRequest(sim).post('/sim/clock', { speed: -1 }).expect(400);
    const agentClock = sim.fleet.clock;
    await sim.waitForDevice(sim.deviceId('phone'), () => agentClock.now() === after.nowMs);
  });

  it('streams device and action changes as server-sent events', async () => {
    const id = sim.deviceId('phone');
    const seen: string[] = [];
    let subscribed: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      subscribed = resolve;
    });
    const done = new Promise<void>((resolve, reject) => {
      const req = http.get(
        `${sim.url}/sim/events`,
        { headers: { authorization: `Bearer ${sim.simToken}` } },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            for (const block of chunk.split('\n\n')) {
              const event = /^event: (\w+)\ndata: (.*)$/s.exec(block);
              if (!event) continue;
              const data = JSON.parse(event[2] ?? '{}');
              seen.push(event[1] === 'action' ? `action:${data.state}` : `${event[1]}`);
              if (event[1] === 'clock') subscribed();
              if (event[1] === 'action' && data.state === 'done') {
                req.destroy();
                resolve();
              }
            }
          });
        },
      );
      req.on('error', reject);
    });
    await ready;
    await adminClient(sim).resetPasscode(id).expect(204);
    await done;
    expect(seen[0]).toBe('clock');
    expect(seen).toContain('action:pending');
    expect(seen).toContain('device');
    expect(seen.at(-1)).toBe('action:done');
  });

  it('streams only the kinds of event asked for, and rejects unknown kinds', async () => {
    await simRequest(sim).get('/sim/events?events=action,teleport').expect(400);
    const id = sim.deviceId('phone');
    const kinds = new Set<string>();
    const done = new Promise<void>((resolve, reject) => {
      const req = http.get(`${sim.url}/sim/events?events=action&access_token=${sim.simToken}`, (res) => {
        res.setEncoding('utf8');
        let opened = false;
        res.on('data', (chunk: string) => {
          // The stream opens with a comment (no clock event: only actions were asked for); then the reset starts.
          if (!opened) {
            opened = true;
            adminClient(sim)
              .resetPasscode(id)
              .then(() => undefined, reject);
          }
          for (const [, kind, data] of chunk.matchAll(/event: (\w+)\ndata: (.*)\n\n/g)) {
            kinds.add(kind ?? '');
            if (kind === 'action' && JSON.parse(data ?? '{}').state === 'done') {
              req.destroy();
              resolve();
            }
          }
        });
      });
      req.on('error', reject);
    });
    await done;
    expect([...kinds].sort()).toEqual(['action']);
  });
});
