// How many devices a scenario may run: all of them are live, and in-process the runner process holds both ends.
import { MAX_LIVE_PER_ENTRY } from '../agents/fleet/fleet-spec.js';

/**
 * A scenario's devices in all. Every one is live (the runner hosts its agent, with a socket of its own), so the cap
 * is the fleet file's for live devices: one agents process may open 20,000 files.
 */
export const MAX_SCENARIO_DEVICES = MAX_LIVE_PER_ENTRY;

/**
 * Without --server, a scenario's devices in all. The runner process then holds both ends of every device's socket
 * (its agent's and its server's), and runs up to --concurrency (4 by default) such scenarios at once: 4 x 2,000 x 2 =
 * 16,000 sockets, under the 20,000 files the live cap assumes. Measured on a 2-core machine: 2,000 devices connect
 * and a scenario passes in 9 s (245 MB); 10,000 ran out of files and could not connect within 30 s.
 */
export const MAX_IN_PROCESS_DEVICES = 2_000;

/** The devices a fleet's entries stand for (`count` each, 1 by default). */
export const devicesIn = (fleet: readonly { count?: number | undefined }[]) =>
  fleet.reduce((sum, entry) => sum + (entry.count ?? 1), 0);
