// A restartable server's port lies below the ephemeral range, so no outgoing connection can take it while it is down.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { linuxEphemeralStart, restartablePort } from '../../lib/restartable-port.js';

async function listenOnce(port: number): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  await new Promise((resolve) => server.close(resolve));
}

describe('restartablePort', () => {
  it('gives a free port below the ephemeral range, and above the registered services', async () => {
    // This machine's range, or Linux's default where /proc does not say.
    const ephemeralStart = linuxEphemeralStart() ?? 32_768;
    for (let draw = 0; draw < 5; draw++) {
      const port = await restartablePort('127.0.0.1', ephemeralStart);
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(ephemeralStart);
      await listenOnce(port);
    }
  });

  it('falls back to a port the system chooses when the range leaves no room below it', async () => {
    const port = await restartablePort('127.0.0.1', 15_000);
    expect(port).toBeGreaterThan(0);
    await listenOnce(port);
  });
});
