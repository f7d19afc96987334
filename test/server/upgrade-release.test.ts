// Regression: a device's open socket does not keep its upgrade's HTTP request alive (memory per connected device).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../../server/app.js';
import { privateAppConfig } from '../../server/host.js';
import { GATEWAY_PATH } from '../../shared/protocol.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const app = await buildApp(privateAppConfig());
const upgrades: Array<WeakRef<object>> = [];
app.addHook('onRequest', async (request) => void upgrades.push(new WeakRef(request.raw)));
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address() as { port: number };
const sockets: WebSocket[] = [];
afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await app.close();
});

it('lets the upgrade request and its response go once the socket is open', async () => {
  for (let i = 0; i < 20; i++) {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${GATEWAY_PATH}`);
    await new Promise((opened) => socket.once('open', opened));
    sockets.push(socket);
  }
  expect(upgrades).toHaveLength(20);
  // Collections run on the next turns too (weak references are cleared between turns).
  for (let round = 0; round < 3; round++) {
    collectGarbage();
    await new Promise((turn) => setImmediate(turn));
  }
  expect(upgrades.filter((upgrade) => upgrade.deref() !== undefined)).toHaveLength(0);
});
