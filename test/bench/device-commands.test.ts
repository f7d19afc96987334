// The in-process device benchmark runs the benchmark's fleet through one Remove passcode each and reports its cost.
import { describe, expect, it } from 'vitest';
import { measureDeviceCommands } from '../../bench/device-commands.js';

describe('npm run bench:devices', () => {
  it('acknowledges every supported device and gives a CPU figure per slice', () => {
    const cost = measureDeviceCommands(40, 15);
    expect(cost.devices).toBe(40);
    // One Mac and one Surface in a fleet of 40: Remove passcode is not theirs.
    expect(cost.unacknowledged).toBe(2);
    expect(cost.perSliceMicros).toHaveLength(3);
    for (const micros of cost.perSliceMicros) expect(micros).toBeGreaterThan(0);
    // The total is the slices' CPU added up (each slice's figure is its CPU over its commands, rounded).
    const counts = [15, 15, 10];
    const fromSlices = cost.perSliceMicros.reduce((sum, micros, i) => sum + micros * (counts[i] ?? 0), 0);
    expect(Math.abs(cost.totalMicros - fromSlices)).toBeLessThanOrEqual(counts.reduce((a, b) => a + b) / 2);
  });
});
