// A server whose event stream answers but whose device gateway takes the WebSocket and then says nothing: the runner
// gives up after --request-timeout and drops the sockets, instead of waiting on closing handshakes nobody will answer.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNamespace, runScenario } from '../../runner/run-scenario.js';
import { parseScenario } from '../../runner/scenario-file.js';

describe('a server whose device gateway goes silent', () => {
  let server: Server;
  const upgraded = new Set<Duplex>();
  beforeAll(async () => {
    server = createServer((_request, response) => {
      // The event stream: open, and quiet.
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(': open\n\n');
    });
    // The upgrade completes (written by hand: ws's own server would answer a close); then nothing, ever.
    server.on('upgrade', (request, socket) => {
      const accept = createHash('sha1')
        .update(`${request.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
        .digest('base64');
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
      );
      upgraded.add(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    server.closeAllConnections();
    for (const socket of upgraded) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  // ws waits 30 s for a closing handshake: the test's own timeout, well below it, fails a runner that waits for one.
  it('is an error within the request timeout, not a 30-second wait per device', {
    timeout: 15_000,
  }, async () => {
    const result = await runScenario(
      parseScenario(
        'name: silent gateway\nfleet:\n  - { name: iPad, enrollment: iosDeviceEnrollment, osVersion: "17.4" }\nsteps:\n  - resetPasscode: iPad\n',
        'inline.yaml',
      ),
      {
        seed: 'silent',
        stepTimeoutMs: 1_000,
        requestTimeoutMs: 500,
        logger: pino({ level: 'silent' }),
        server: {
          url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          adminToken: 'a'.repeat(32),
          simToken: 's'.repeat(32),
          enrollmentToken: 'e'.repeat(32),
          fleetNamespace: runNamespace(),
        },
      },
    );
    expect(result.status).toBe('error');
    expect(result.error).toContain("1 of the scenario's 1 device(s) could not connect within 500 ms");
  });
});
