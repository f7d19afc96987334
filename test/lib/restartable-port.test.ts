// A restartable server's port lies below the ephemeral range, so no outgoing connection can take it while it is down.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { restartablePort } from '../../lib/restartable-port.js';

const ephemeralStart = Number(
  readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0],
);

describe('restartablePort', () => {
  it('gives a free port below the ephemeral range, and above the registered services', async () => {
    for (let draw = 0; draw < 5; draw++) {
      const port = await restartablePort('127.0.0.1');
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(ephemeralStart);
      // Free: a server listens on it, and gives it back for the next one.
      const server = createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
      });
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
