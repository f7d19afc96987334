// Runs the fleet's command path on throwaway devices once a large fleet is online. V8 compiles xstate's transition
// code, zod's frame parser and the result's JSON as they run: cold, the first fleet-wide reset cost the agents about a
// quarter more CPU than after this warm-up (docs/performance-history.md, sixteenth pass). Warmed once the fleet is
// online, that cost moves out of the first reset, and the benchmark still counts it (the agents' connect and total CPU).
import pino from 'pino';
import { passcodeCommandFor } from '../../shared/commands.js';
import type { FleetSpec } from '../fleet/fleet-spec.js';
import { createFleet } from './fleet-runner.js';

/** Below this many live devices a cold first reset is too short to matter: no warm-up. */
export const WARM_UP_FROM_LIVE_DEVICES = 1_000;
/** Throwaway devices run, shared over the live entries in their proportions (plus one per kind the shares miss). */
export const WARM_UP_DEVICES = 1_000;

export interface WarmUp {
  /** Throwaway devices that ran the command (0 when the fleet is too small to need it). */
  devices: number;
  /** Of those, the ones whose state the command changed (the kinds without Remove passcode answer errors, unchanged). */
  changed: number;
  /** CPU the warm-up took, JIT threads included. */
  cpuMs: number;
}

/**
 * The live entries scaled down to `WARM_UP_DEVICES` in all (largest remainders: each entry its share rounded down, the
 * devices left over to the largest fractions), and one device more for an enrollment kind whose entries got none.
 */
function warmUpEntries(live: FleetSpec['devices'], total: number): FleetSpec['devices'] {
  const quotas = live.map((entry) => (entry.count / total) * WARM_UP_DEVICES);
  const counts = quotas.map(Math.floor);
  const leftOver = WARM_UP_DEVICES - counts.reduce((sum, count) => sum + count, 0);
  const byFraction = quotas.map((quota, index) => ({ index, fraction: quota - Math.floor(quota) }));
  byFraction.sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (const { index } of byFraction.slice(0, leftOver)) counts[index] = (counts[index] ?? 0) + 1;
  const kinds = new Set(live.filter((_, index) => (counts[index] ?? 0) > 0).map((entry) => entry.enrollment));
  live.forEach((entry, index) => {
    if (kinds.has(entry.enrollment)) return;
    kinds.add(entry.enrollment);
    counts[index] = 1;
  });
  return live.flatMap((entry, index) =>
    (counts[index] ?? 0) > 0 ? [{ ...entry, count: counts[index] ?? 0 }] : [],
  );
}

/**
 * Runs one Remove/Reset passcode, frame to frame through each agent's own handler, on throwaway copies of `spec`'s
 * live entries.
 */
export function warmUpDeviceMachines(spec: FleetSpec): WarmUp {
  const started = process.cpuUsage();
  const live = spec.devices.filter((entry) => entry.online);
  const total = live.reduce((sum, entry) => sum + entry.count, 0);
  if (total < WARM_UP_FROM_LIVE_DEVICES) return { devices: 0, changed: 0, cpuMs: 0 };
  const fleet = createFleet(
    { ...spec, devices: warmUpEntries(live, total) },
    {
      serverUrl: 'ws://127.0.0.1:9',
      enrollmentToken: 'warm-up',
      fleetName: 'machine-warm-up',
      logger: pino({ level: 'silent' }),
    },
  );
  let changed = 0;
  fleet.agents.forEach((agent, index) => {
    const request = passcodeCommandFor(
      agent.inventory.enrollment,
      agent.inventory.unlockToken,
      () => '13572468',
    );
    const before = agent.device.state();
    agent.receive(JSON.stringify({ type: 'command', commandId: `warm-up-${index}`, request }));
    // The agent answers into a socket it never opened: what shows that the command ran is the device's new state.
    if (agent.device.state() !== before) changed++;
  });
  // Not awaited: the throwaway agents never connected, so stopping them (devices, timers, clock) settles at once.
  fleet.stop().catch(() => undefined);
  const used = process.cpuUsage(started);
  return { devices: fleet.agents.length, changed, cpuMs: Math.round((used.user + used.system) / 1000) };
}
