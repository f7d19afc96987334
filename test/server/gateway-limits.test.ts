// Regressions at the gateway's edges: shutdown says 4005 and takes bounded time even with a peer that never answers,
// unreadable frames close with the standard code and one warn line (no payload, no stack), floods are cut.
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { CloseCode, FrameCloseCode, PROTOCOL_VERSION } from '../../shared/protocol.js';
import { capturedLog } from '../support/captured-log.js';
import { connectRawDevice } from '../support/raw-device.js';

const fleet = {
  devices: [{ name: 'ipad', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '2468' }],
};

/** A TCP peer that completes the WebSocket upgrade and then never reads or answers anything. */
function deafPeer(url: string): Promise<void> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(
        'GET /devices/connect HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    socket.once('data', (data) => {
      if (String(data).startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(String(data)));
      socket.pause();
    });
    socket.on('error', () => undefined);
  });
}

describe('gateway limits', () => {
  it('closes devices with 4005 on shutdown, and cuts a peer that never finishes the closing handshake', async () => {
    const sim: Simulation = await startSimulation({ fleet });
    const device = await connectRawDevice(sim.url);
    await deafPeer(sim.url);
    const started = performance.now();
    await sim.close();
    expect((await device.closed).code).toBe(CloseCode.ServerShutdown);
    // ws alone would wait 30 s for the deaf peer.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it.each([
    [
      'an oversized frame',
      FrameCloseCode.MessageTooBig,
      (send: (d: Buffer, text: boolean) => void) => send(Buffer.alloc(70 * 1024, 0x61), true),
    ],
    [
      'a text frame that is not UTF-8',
      FrameCloseCode.InvalidPayload,
      (send: (d: Buffer, text: boolean) => void) => send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), true),
    ],
  ])(
    'answers %s before hello with close %i and one warn line without payload or stack',
    async (_what, code, act) => {
      const { logger, lines } = capturedLog();
      const sim = await startSimulation({ fleet, serverLogger: logger });
      try {
        const device = await connectRawDevice(sim.url);
        act((data, text) => device.socket.send(data, { binary: !text }));
        expect((await device.closed).code).toBe(code);
        const refused = lines.filter((line) => String(line.msg).includes('frame refused'));
        expect(refused).toHaveLength(1);
        expect(refused[0]?.level).toBe(40);
        expect(JSON.stringify(refused)).not.toMatch(/aaaa|stack/);
        expect(lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
      } finally {
        await sim.close();
      }
    },
  );

  it('closes a connection that floods frames with RateLimited and keeps serving the device afterwards', async () => {
    const sim = await startSimulation({ fleet });
    try {
      const agent = sim.fleet.agents[0];
      if (!agent) throw new Error('no agent');
      const device = await connectRawDevice(sim.url);
      device.sendJson({
        type: 'hello',
        protocolVersion: PROTOCOL_VERSION,
        deviceId: randomUUID(),
        deviceSecret: 'x'.repeat(43),
        enrollmentToken: sim.enrollmentToken,
        fleet: 'flood',
        inventory: agent.inventory,
        state: agent.device.state(),
      });
      await device.next('welcome');
      const state = JSON.stringify({ type: 'state', state: agent.device.state() });
      for (let i = 0; i < 1_000; i++) device.sendRaw(state);
      expect((await device.closed).code).toBe(CloseCode.RateLimited);
      expect(sim.device(agent.deviceId).connected).toBe(true);
    } finally {
      await sim.close();
    }
  });
});
