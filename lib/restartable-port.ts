// A port for a server that will be stopped and started again on it (the runner's restartServer, chaos, the console's
// restart, the tenant benchmark's reopening): on Linux, taken below the kernel's ephemeral range, where outgoing
// connections take their own local ports, so no connection made meanwhile, by this process or any other, can be holding
// it when the server comes back.
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Below this, ports are left to the well-known and registered services. */
const LOWEST = 20_000;
const ATTEMPTS = 50;

/** Linux's first ephemeral port; undefined elsewhere (macOS, Windows, BSDs keep it in other places). */
export function linuxEphemeralStart(): number | undefined {
  try {
    const [start] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const port = Number(start);
    return Number.isInteger(port) && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
}

/** Listens on `port` (0: the system's choice) and gives back the port it got, or null when it is taken. */
function probe(host: string, port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen(port, host, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : null));
    });
  });
}

/**
 * A port nothing listens on now: below the ephemeral range that starts at `ephemeralStart` when there is room under it,
 * else one the system chooses (as a server listening on port 0 would get).
 */
export async function restartablePort(
  host: string,
  ephemeralStart: number | undefined = linuxEphemeralStart(),
): Promise<number> {
  if (ephemeralStart !== undefined && ephemeralStart - LOWEST >= 1_000) {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const port = await probe(host, randomInt(LOWEST, Math.min(ephemeralStart, 65_536)));
      if (port !== null) return port;
    }
  }
  const chosen = await probe(host, 0);
  if (chosen === null) throw new Error(`No port to listen on at ${host}.`);
  return chosen;
}
