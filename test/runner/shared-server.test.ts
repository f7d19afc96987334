// Against one shared server, scenarios that change what the whole server does (clock, Graph faults) run alone.
import { describe, expect, it } from 'vitest';
import { changesSharedServer } from '../../runner/run-scenarios.js';
import { loadScenarioFiles } from '../../runner/scenario-file.js';

describe('scenarios on a shared server', () => {
  it('runs Graph-fault and clock-moving scenarios one at a time, the rest side by side', async () => {
    const [fault, clock, plain] = await loadScenarioFiles([
      'scenarios/graph-503-device-healthy.yaml',
      'scenarios/ios-60-minute-enforcement.yaml',
      'scenarios/ios-remove-passcode-without-policy.yaml',
    ]);
    expect(fault && changesSharedServer(fault)).toBe(true);
    expect(clock && changesSharedServer(clock)).toBe(true);
    expect(plain && changesSharedServer(plain)).toBe(false);
  });
});
