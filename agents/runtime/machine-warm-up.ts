// Runs the fleet's command path on throwaway devices before a large fleet connects. V8 compiles xstate's transition
// code, zod's frame parser and the result's JSON as they run: cold, the first fleet-wide reset cost the agents about
// twice the CPU of the next (docs/performance-history.md, sixteenth pass). Warmed at start, that cost moves out of the
// first reset into the start, where the benchmark still counts it (the agents' connect and total CPU).
import pino from 'pino';
import { sameJson } from '../../lib/same-json.js';
import { type CommandRequest, ResetPasswordFlag } from '../../shared/commands.js';
import { ServerMessage } from '../../shared/protocol.js';
import type { FleetSpec } from '../fleet/fleet-spec.js';
import { createFleet } from './fleet-runner.js';

/** Below this many live devices a cold first reset is too short to matter: no warm-up. */
export const WARM_UP_FROM_LIVE_DEVICES = 1_000;
/** Throwaway devices run in all, shared over the live entries in their proportions (at least one each). */
export const WARM_UP_DEVICES = 1_000;

/** The command the server sends a device of this enrollment for Remove/Reset passcode (server/services/remote-actions). */
export function passcodeCommandFor(enrollment: string, unlockToken: string | undefined): CommandRequest {
  return enrollment.startsWith('ios')
    ? { requestType: 'ClearPasscode', ...(unlockToken ? { unlockToken } : {}) }
    : { requestType: 'ResetPassword', newPassword: '13572468', flags: ResetPasswordFlag.REQUIRE_ENTRY };
}

export interface WarmUp {
  /** Throwaway devices that ran the command (0 when the fleet is too small to need it). */
  devices: number;
  /** Of those, the ones that acknowledged it (the kinds without Remove passcode answer errors). */
  acknowledged: number;
  /** CPU the warm-up took, JIT threads included. */
  cpuMs: number;
}

/** Runs one Remove/Reset passcode, frame to frame and without sockets, on throwaway copies of `spec`'s live entries. */
export function warmUpDeviceMachines(spec: FleetSpec): WarmUp {
  const started = process.cpuUsage();
  const live = spec.devices.filter((entry) => entry.online);
  const total = live.reduce((sum, entry) => sum + entry.count, 0);
  if (total < WARM_UP_FROM_LIVE_DEVICES) return { devices: 0, acknowledged: 0, cpuMs: 0 };
  const devices = live.map((entry) => ({
    ...entry,
    count: Math.max(1, Math.round((entry.count / total) * WARM_UP_DEVICES)),
  }));
  const fleet = createFleet(
    { ...spec, devices },
    {
      serverUrl: 'ws://127.0.0.1:9',
      enrollmentToken: 'warm-up',
      fleetName: 'machine-warm-up',
      logger: pino({ level: 'silent' }),
    },
  );
  let lastState: unknown;
  let acknowledged = 0;
  fleet.agents.forEach((agent, index) => {
    const frame = JSON.stringify({
      type: 'command',
      commandId: `warm-up-${index}`,
      request: passcodeCommandFor(agent.inventory.enrollment, agent.inventory.unlockToken),
    });
    const message = ServerMessage.parse(JSON.parse(frame));
    if (message.type !== 'command') return;
    const result = agent.device.runCommand(message.commandId, message.request, fleet.clock.now());
    if (result.status === 'Acknowledged') acknowledged++;
    const state = agent.device.state();
    const changed = lastState === undefined || !sameJson(state, lastState);
    lastState = state;
    JSON.stringify({ type: 'result', result, ...(changed ? { state } : {}) });
  });
  // Not awaited: the throwaway agents never connected, so stopping them (devices, timers, clock) settles at once.
  fleet.stop().catch(() => undefined);
  const used = process.cpuUsage(started);
  return { devices: fleet.agents.length, acknowledged, cpuMs: Math.round((used.user + used.system) / 1000) };
}
