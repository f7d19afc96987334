// `npm run bench:devices`: what one Remove passcode costs inside an agents process, device machines only (no sockets),
// on the benchmark's fleet: CPU per command for each thousand in turn (V8 compiles xstate as it goes), cold to warm.
import pino from 'pino';
import { FleetSpec } from '../agents/fleet/fleet-spec.js';
import { createFleet } from '../agents/runtime/fleet-runner.js';
import { parseCommandLine } from '../lib/command-line.js';
import { limitV8Inlining } from '../lib/v8-inlining-budget.js';
import { passcodeCommandFor } from '../shared/commands.js';
import { benchFleet } from './bench-fleet.js';

export interface DeviceCommandCost {
  devices: number;
  /** CPU µs per command (process CPU, JIT threads included) for each slice of `slice` commands, in order. */
  perSliceMicros: number[];
  slice: number;
  /** CPU µs of all the commands together. */
  totalMicros: number;
  /** Commands the devices did not acknowledge (the unsupported kinds answer errors). */
  unacknowledged: number;
}

/** Builds the benchmark's fleet of `devices` (unconnected) and runs one Remove passcode on each, as the agents do. */
export function measureDeviceCommands(devices: number, slice = 1_000): DeviceCommandCost {
  const spec = FleetSpec.parse(benchFleet(devices, 'device-commands').spec);
  const fleet = createFleet(spec, {
    serverUrl: 'http://127.0.0.1:9',
    enrollmentToken: 'unused',
    fleetName: 'device-commands',
    logger: pino({ level: 'silent' }),
  });
  const perSliceMicros: number[] = [];
  let unacknowledged = 0;
  let totalMicros = 0;
  let started = process.cpuUsage();
  fleet.agents.forEach((agent, index) => {
    const request = passcodeCommandFor(
      agent.inventory.enrollment,
      agent.inventory.unlockToken,
      () => '13572468',
    );
    const result = agent.device.runCommand(`c-${index}`, request, fleet.clock.now());
    if (result.status !== 'Acknowledged') unacknowledged++;
    // The state rides on the result frame: the agents make it and write it as JSON for every command.
    JSON.stringify({ type: 'result', result, state: agent.device.state() });
    if ((index + 1) % slice === 0 || index + 1 === fleet.agents.length) {
      const used = process.cpuUsage(started);
      const count = (index % slice) + 1;
      totalMicros += used.user + used.system;
      perSliceMicros.push(Math.round((used.user + used.system) / count));
      started = process.cpuUsage();
    }
  });
  void fleet.stop();
  return { devices: fleet.agents.length, perSliceMicros, slice, totalMicros, unacknowledged };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseCommandLine('npm run bench:devices', {
    devices: { type: 'string' },
    'v8-default-inlining': { type: 'boolean' },
  });
  // As the agents process runs them; `--v8-default-inlining` measures them under V8's own budget instead.
  if (!values['v8-default-inlining']) limitV8Inlining();
  const devices = Number(values.devices ?? 10_000);
  const cost = measureDeviceCommands(devices);
  const warm = cost.perSliceMicros.slice(-3);
  process.stdout.write(
    `${cost.devices} devices, one Remove passcode each, in-process (no sockets)\n` +
      `CPU µs per command, each ${cost.slice} in turn: ${cost.perSliceMicros.join(' ')}\n` +
      `all ${cost.devices} commands: ${Math.round(cost.totalMicros / 1000)} ms of CPU\n` +
      `last ${warm.length} slices: ${Math.round(warm.reduce((a, b) => a + b, 0) / warm.length)} µs; ` +
      `${cost.unacknowledged} not acknowledged (the unsupported kinds)\n`,
  );
}
