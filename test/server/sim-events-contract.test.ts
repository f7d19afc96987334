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

  /**
   * The events the stream at `path` carries while the phone's passcode is removed, up to its `done`, each parsed with
   * the shared schemas (none may fail to parse).
   */
  async function eventsDuringReset(path: string): Promise<SimEvent[]> {
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
    const close = await new Promise<() => void>((resolve, reject) => {
      const req = request(
        `${sim.url}${path}`,
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
    const done = new Promise<void>((resolve) => {
      onEvent = () => {
        if (seen.some((event) => event.event === 'action' && event.data.state === 'done')) resolve();
      };
    });
    await adminClient(sim).resetPasscode(sim.deviceId('phone')).expect(204);
    await done;
    close();
    expect(problems).toEqual([]);
    return seen;
  }

  it('streams device, action and clock events that parse with the shared schemas', async () => {
    const seen = await eventsDuringReset('/sim/events');
    expect(new Set(seen.map((event) => event.event))).toEqual(new Set(['clock', 'device', 'action']));
    expect(seen.flatMap((event) => (event.event === 'action' ? [event.data.state] : []))).toEqual([
      'pending',
      'active',
      'done',
    ]);
    const device = seen.findLast((event) => event.event === 'device');
    expect(device?.event === 'device' && device.data.id).toBe(sim.deviceId('phone'));
  });

  it('streams only the action states ?actionStates= names', async () => {
    const seen = await eventsDuringReset('/sim/events?events=action&actionStates=done,failed');
    // Only the kinds asked for (no opening clock event), and the one final action: no pending, no active.
    expect(seen.map((event) => event.event)).toEqual(['action']);
    expect(seen[0]?.event === 'action' && seen[0].data).toMatchObject({
      deviceId: sim.deviceId('phone'),
      state: 'done',
    });
  });

  it('refuses an action state Graph does not have', async () => {
    const response = await fetch(`${sim.url}/sim/events?actionStates=finished`, {
      headers: { authorization: `Bearer ${sim.simToken}` },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/actionStates/);
  });
});
