// Every event /sim/events sends during a reset matches its schema in shared/sim/events.ts, read by a spec parser.
import { request } from 'node:http';
import { createParser } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { parseSimEvent, type SimEvent } from '../../shared/sim/events.js';
import { adminClient } from '../support/admin-client.js';
import { useSimulation } from '../support/use-simulation.js';

describe('/sim/events contract', () => {
  const sim = useSimulation({
    fleet: {
      devices: [{ name: 'phone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1234' }],
    },
  });

  it('streams device, action and clock events that parse with the shared schemas', async () => {
    const id = sim.deviceId('phone');
    const seen: SimEvent[] = [];
    const problems: string[] = [];
    let onEvent: () => void = () => {};
    const parser = createParser({
      onEvent(message) {
        try {
          const parsed = parseSimEvent(message.event, message.data);
          if (parsed) seen.push(parsed);
          else problems.push(`unknown event ${message.event}`);
        } catch (error) {
          problems.push(`${message.event}: ${(error as Error).message}`);
        }
        onEvent();
      },
    });
    const opened = new Promise<() => void>((resolve, reject) => {
      const req = request(
        `${sim.url}/sim/events`,
        { headers: { authorization: `Bearer ${sim.simToken}` } },
        (response) => {
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => parser.feed(chunk));
          resolve(() => req.destroy());
        },
      );
      req.on('error', reject);
      req.end();
    });
    const close = await opened;
    const finalAction = new Promise<void>((resolve) => {
      onEvent = () => {
        if (seen.some((event) => event.event === 'action' && event.data.state === 'done')) resolve();
      };
    });
    await adminClient(sim).resetPasscode(id).expect(204);
    await finalAction;
    close();
    expect(problems).toEqual([]);
    expect(new Set(seen.map((event) => event.event))).toEqual(new Set(['clock', 'device', 'action']));
    const device = seen.findLast((event) => event.event === 'device');
    expect(device?.event === 'device' && device.data.id).toBe(id);
  });
});
