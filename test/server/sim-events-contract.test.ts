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

  /** Opens the stream at `path`, parses every event with the shared schemas, and resolves once it is open. */
  async function openEvents(path: string) {
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
    /** Resolves once an action event of this state has arrived. */
    const actionReached = (state: string) =>
      new Promise<void>((resolve) => {
        onEvent = () => {
          if (seen.some((event) => event.event === 'action' && event.data.state === state)) resolve();
        };
        onEvent();
      });
    return { seen, problems, close, actionReached };
  }

  it('streams device, action and clock events that parse with the shared schemas', async () => {
    const id = sim.deviceId('phone');
    const stream = await openEvents('/sim/events');
    const done = stream.actionReached('done');
    await adminClient(sim).resetPasscode(id).expect(204);
    await done;
    stream.close();
    expect(stream.problems).toEqual([]);
    expect(new Set(stream.seen.map((event) => event.event))).toEqual(new Set(['clock', 'device', 'action']));
    expect(stream.seen.flatMap((event) => (event.event === 'action' ? [event.data.state] : []))).toEqual([
      'pending',
      'active',
      'done',
    ]);
    const device = stream.seen.findLast((event) => event.event === 'device');
    expect(device?.event === 'device' && device.data.id).toBe(id);
  });

  it('streams only the action states ?actionStates= names', async () => {
    const id = sim.deviceId('phone');
    const stream = await openEvents('/sim/events?events=action&actionStates=done,failed');
    const done = stream.actionReached('done');
    await adminClient(sim).resetPasscode(id).expect(204);
    await done;
    stream.close();
    expect(stream.problems).toEqual([]);
    // The clock's opening event, then the one final action: no pending, no active.
    expect(stream.seen.map((event) => event.event)).toEqual(['clock', 'action']);
    expect(stream.seen[1]?.event === 'action' && stream.seen[1].data).toMatchObject({
      deviceId: id,
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
