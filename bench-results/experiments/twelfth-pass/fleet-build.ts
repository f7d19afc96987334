// Run from the checkout's top as npx tsx bench-results/experiments/twelfth-pass/fleet-build.ts (imports adjusted): the
// benchmark's 10,000 devices built in-process, as the agents process builds them, and the CPU that took.
import { createFleet } from '../../../agents/runtime/fleet-runner.js';
import { parseFleet } from '../../../agents/fleet/load-fleet.js';
import { benchFleet } from '../../../bench/bench-fleet.js';
import { createLogger } from '../../../lib/logger.js';
import { limitV8Inlining } from '../../../lib/v8-inlining-budget.js';
import { keepAllocationsYoung } from '../../../lib/v8-pretenuring.js';
limitV8Inlining(); keepAllocationsYoung();
const f = benchFleet(10000, 'bench');
const spec = parseFleet(f.spec as never, 'bench');
const c0 = process.cpuUsage(); const t0 = performance.now();
const fleet = createFleet(spec, { serverUrl: 'http://127.0.0.1:9', enrollmentToken: 'x'.repeat(32), fleetName: 'bench', logger: createLogger('silent', 'x') } as never);
const c = process.cpuUsage(c0);
console.log(fleet.agents.length, 'agents', ((c.user + c.system) / 1000).toFixed(0), 'ms cpu', (performance.now() - t0).toFixed(0), 'ms wall');
