// Regression: an event its /sim/events serializer cannot write is skipped for that client; the emitter (the core
// action that emitted it) never sees the throw, and the stream carries on with the next event.
import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Host, privateAppConfig, startHost } from '../../server/host.js';
import type { GraphIncident } from '../../shared/sim/graph-incident.js';

let host: Host;
beforeAll(async () => {
  host = await startHost({ app: privateAppConfig({}), listen: { host: '127.0.0.1', port: 0 } });
});
afterAll(() => host.close());

it('skips an event that does not serialize and keeps the stream and the emitter going', async () => {
  const { clock, events } = host.app.services;
  const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.get(
      `${host.url}/sim/events?events=graph,clock`,
      { headers: { authorization: `Bearer ${host.config.simToken}` } },
      resolve,
    );
    req.on('error', reject);
  });
  stream.setEncoding('utf8');
  let text = '';
  const advanced = new Promise<void>((resolve) =>
    stream.on('data', (chunk: string) => {
      text += chunk;
      // The first clock event comes as the stream opens; the second is the advance below.
      if (text.split('event: clock').length > 2) resolve();
    }),
  );
  // An incident missing its required fields: fast-json-stringify throws on it.
  const broken = {} as GraphIncident;
  expect(() => events.emit('graph', broken)).not.toThrow();
  expect(() => events.emit('graph', broken)).not.toThrow();
  clock.advance(1);
  await advanced;
  expect(text).not.toContain('event: graph');
  stream.destroy();
});
