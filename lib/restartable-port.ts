// A port for a server that will be stopped and started again on it (the runner's restartServer, chaos, the console's
// restart): taken below the kernel's ephemeral range, where outgoing connections take their own local ports, so no
// connection made meanwhile, by this process or any other, can be holding it when the server comes back.
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Below this, ports are left to the well-known and registered services. */
const LOWEST = 20_000;
/** Linux's default first ephemeral port; IANA's (49152, macOS and Windows) is above it. */
const DEFAULT_EPHEMERAL_START = 32_768;
const ATTEMPTS = 50;

function ephemeralStart(): number {
  try {
    const [start] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const port = Number(start);
    return Number.isInteger(port) && port > 0 ? port : DEFAULT_EPHEMERAL_START;
  } catch {
    return DEFAULT_EPHEMERAL_START;
  }
}

function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/**
 * A port nothing listens on now, below the ephemeral range; 0 (the system's choice, as before) when that range leaves
 * no room below it or no port there is free.
 */
export async function restartablePort(host: string): Promise<number> {
  const end = Math.min(ephemeralStart(), 65_536);
  if (end - LOWEST < 1_000) return 0;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const port = randomInt(LOWEST, end);
    if (await canListen(host, port)) return port;
  }
  return 0;
}
