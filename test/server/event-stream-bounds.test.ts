// A /sim/events client that does not read is dropped with a reason once its bound is reached: no unbounded growth.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Host, privateAppConfig, startHost } from '../../server/host.js';

const MAX_PENDING = 256 * 1024;

describe('event stream bounds', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({
      app: privateAppConfig({ eventStreamMaxPendingBytes: MAX_PENDING }),
      listen: { host: '127.0.0.1', port: 0 },
    });
  });
  afterAll(() => host.close());

  it('counts the events of one tick against the bound too, before any of them is written', async () => {
    const { clock, events } = host.app.services;
    const listenersBefore = events.listenerCount('clock');
    const burst = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.get(
        `${host.url}/sim/events?events=clock`,
        { headers: { authorization: `Bearer ${host.config.simToken}` } },
        resolve,
      );
      req.on('error', reject);
    });
    expect(events.listenerCount('clock')).toBe(listenersBefore + 1);
    // About 360 KB of clock events in one tick, against a bound of 256 KB: dropped within the tick.
    for (let i = 0; i < 4_000; i++) clock.advance(1);
    expect(events.listenerCount('clock')).toBe(listenersBefore);
    burst.destroy();
  });

  it('drops a consumer that stops reading, telling it why, and keeps serving the others', async () => {
    const { clock, events } = host.app.services;
    const slow = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.get(
        `${host.url}/sim/events?events=clock`,
        { headers: { authorization: `Bearer ${host.config.simToken}` } },
        resolve,
      );
      req.on('error', reject);
    });
    slow.pause();
    const listenersBefore = events.listenerCount('clock');
    // Each advance is one clock event of about 90 bytes: 40 MB in all, far past the bound and the socket buffers.
    for (let round = 0; round < 100 && events.listenerCount('clock') === listenersBefore; round++) {
      for (let i = 0; i < 4_000; i++) clock.advance(1);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(events.listenerCount('clock')).toBe(listenersBefore - 1);
    expect(host.app.server.listenerCount('request')).toBeGreaterThan(0);

    let text = '';
    slow.setEncoding('utf8');
    slow.on('data', (chunk: string) => {
      text = (text + chunk).slice(-4096);
    });
    slow.resume();
    await new Promise((resolve) => slow.on('end', resolve));
    expect(text).toContain(': dropped, The client did not keep up');
    expect(text).toMatch(
      /event: dropped\ndata: \{"reason":"The client did not keep up: more than 262144 bytes/,
    );

    const fresh = await new Promise<number | undefined>((resolve, reject) => {
      const req = http.get(
        `${host.url}/sim/events`,
        { headers: { authorization: `Bearer ${host.config.simToken}` } },
        (res) => {
          resolve(res.statusCode);
          req.destroy();
        },
      );
      req.on('error', reject);
    });
    expect(fresh).toBe(200);
  });
});
