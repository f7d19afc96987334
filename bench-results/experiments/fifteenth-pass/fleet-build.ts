// Run from the checkout's top: npx tsx bench-results/experiments/fifteenth-pass/fleet-build.ts: CPU and wall time of
// building the benchmark's 10,000 devices in-process (createFleet), as the agents process does before connecting.
import pino from 'pino';
import { FleetSpec } from '../../../agents/fleet/fleet-spec.js';
import { createFleet } from '../../../agents/runtime/fleet-runner.js';
import { benchFleet } from '../../../bench/bench-fleet.js';
const spec = FleetSpec.parse(benchFleet(10_000, 'create').spec);
const t0 = performance.now(); const c0 = process.cpuUsage();
const fleet = createFleet(spec, { serverUrl: 'http://127.0.0.1:9', enrollmentToken: 'x', fleetName: 'create', logger: pino({ level: 'silent' }) });
const c = process.cpuUsage(c0);
console.log('createFleet', fleet.agents.length, 'wall ms', (performance.now() - t0).toFixed(0), 'cpu ms', ((c.user + c.system) / 1000).toFixed(0));
process.exit(0);
