// Run from the checkout's top: node --expose-gc --import tsx bench-results/experiments/fifteenth-pass/xstate-allocation.ts transition
// (or full): bytes the device machines allocate per Remove passcode, each of two passes over the benchmark's 10,000
// devices, with an allocation-sampling profile of the second written to /tmp/hp/alloc.heapprofile.
// ad hoc: bytes per command, split: transition alone, then observers (state view)
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import pino from 'pino';
import { FleetSpec } from '../../../agents/fleet/fleet-spec.js';
import { createFleet } from '../../../agents/runtime/fleet-runner.js';
import { benchFleet } from '../../../bench/bench-fleet.js';
import { type CommandRequest, ResetPasswordFlag } from '../../../shared/commands.js';

const gc = (globalThis as { gc?: () => void }).gc!;
const devices = 10_000;
const spec = FleetSpec.parse(benchFleet(devices, 'alloc').spec);
const fleet = createFleet(spec, { serverUrl: 'http://127.0.0.1:9', enrollmentToken: 'x', fleetName: 'alloc', logger: pino({ level: 'silent' }) });
const counts = new Map<string, number>();
for (const a of fleet.agents) counts.set(a.inventory.enrollment, (counts.get(a.inventory.enrollment) ?? 0) + 1);
console.log(Object.fromEntries(counts));
const mode = process.argv[2];
const session = new Session(); session.connect();
const post = (m: string, p?: object) => new Promise<any>((res, rej) => session.post(m, p ?? {}, (e, r) => (e ? rej(e) : res(r))));
await post('HeapProfiler.enable');
for (let pass = 0; pass < 2; pass++) {
if (pass === 1) await post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
gc();
const before = process.memoryUsage().heapUsed;
fleet.agents.forEach((agent, index) => {
  const token = agent.inventory.unlockToken;
  const request: CommandRequest = agent.inventory.enrollment.startsWith('ios')
    ? { requestType: 'ClearPasscode', ...(token ? { unlockToken: token } : {}) }
    : { requestType: 'ResetPassword', newPassword: '13572468', flags: ResetPasswordFlag.REQUIRE_ENTRY };
  // biome-ignore lint: ad hoc
  const device = agent.device as any;
  const run = device.run;
  if (mode === 'transition') {
    run.logic.transition(run.snapshotNow, { type: 'command', commandId: `c-${pass}-${index}`, request, now: fleet.clock.now() }, run.shared.scope);
  } else if (mode === 'send-no-observer') {
    run.observer = undefined;
    run.send({ type: 'command', commandId: `c-${pass}-${index}`, request, now: fleet.clock.now() });
  } else {
    device.runCommand(`c-${pass}-${index}`, request, fleet.clock.now());
  }
});
const after = process.memoryUsage().heapUsed;
console.log(mode, 'pass', pass, 'KB per command', ((after - before) / devices / 1024).toFixed(2));
}
const { profile } = await post('HeapProfiler.stopSampling'); writeFileSync('/tmp/hp/alloc.heapprofile', JSON.stringify(profile));
process.exit(0);
