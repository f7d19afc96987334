// What a fleet keeps per device shares V8's hidden classes: an object spread at a site that has seen many shapes gets
// a class of its own (about 300 bytes per device, and megamorphic reads), which is how each machine input once did.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../support/v8-flags.js';

// Runs in its own process: only there can V8's natives syntax (`%HaveSameMap`) be allowed.
const SCRIPT = `
import pino from 'pino';
import { FleetSpec } from './agents/fleet/fleet-spec.ts';
import { createFleet } from './agents/runtime/fleet-runner.ts';
import { benchFleet } from './bench/bench-fleet.ts';

const sameClass = new Function('a', 'b', 'return %HaveSameMap(a, b)');
const fleet = createFleet(FleetSpec.parse(benchFleet(400, 'shapes').spec), {
  serverUrl: 'http://127.0.0.1:9',
  enrollmentToken: 'unused-enrollment-token',
  fleetName: 'shapes',
  logger: pino({ level: 'silent' }),
});
// Each agent, its inventory, its device, and every object in the device's own fields (its setup, machine run, screen,
// listener lists...): objects with the same constructor and the same keys, in whatever order, should have one hidden
// class between them (keys in another order are another class too).
const firstOfKind = new Map();
let objects = 0;
const ownClasses = [];
for (const agent of fleet.agents) {
  const device = agent.device;
  const held = Object.values(device).filter((value) => typeof value === 'object' && value !== null);
  for (const object of [agent, agent.inventory, device, ...held]) {
    objects++;
    const kind = (object.constructor?.name ?? 'null') + ' {' + Object.keys(object).sort().join(',') + '}';
    const first = firstOfKind.get(kind);
    if (!first) firstOfKind.set(kind, object);
    else if (!sameClass(first, object)) ownClasses.push(kind);
  }
}
process.stdout.write(JSON.stringify({ objects, ownClasses: [...new Set(ownClasses)] }));
process.exit(0);
`;

describe("a fleet's per-device objects", () => {
  it('share one hidden class per kind of object', () => {
    const child = spawnSync(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', SCRIPT],
      { cwd: REPO, encoding: 'utf8', timeout: 25_000 },
    );
    expect(child.status, child.stderr).toBe(0);
    const { objects, ownClasses } = JSON.parse(child.stdout) as { objects: number; ownClasses: string[] };
    // 400 devices, each an agent, an inventory, a device and what the device holds.
    expect(objects).toBeGreaterThan(400 * 5);
    expect(ownClasses).toEqual([]);
  }, 30_000);
});
