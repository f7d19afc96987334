// Every scenario shipped in scenarios/ passes, run through the runner's API with in-process servers.
import { describe, expect, it } from 'vitest';
import { runScenarios } from '../../runner/run-scenarios.js';
import { findScenarioFiles, loadScenarioFiles } from '../../runner/scenario-file.js';
import { describeFailure } from '../../runner/text-report.js';

describe('shipped scenarios', () => {
  it('all pass in-process', async () => {
    const scenarios = await loadScenarioFiles((await findScenarioFiles(['scenarios'])).files);
    expect(scenarios.length).toBeGreaterThanOrEqual(17);
    const results = await runScenarios(scenarios, { concurrency: 8, seed: 'test' });
    const troubled = results.filter((result) => result.status !== 'passed').map(describeFailure);
    expect(troubled.join('\n\n')).toBe('');
  });

  it('covers every statement of the seed and every fault', async () => {
    const { files } = await findScenarioFiles(['scenarios']);
    const names = files.map((file) => file.replace(/^scenarios\//, ''));
    for (const expected of [
      'ios-remove-passcode-without-policy.yaml',
      'ios-policy-prompts-for-new-passcode.yaml',
      'ios-60-minute-enforcement.yaml',
      'ios-short-passcode-refused.yaml',
      'android-work-profile-token-activation.yaml',
      'android-work-profile-inactive-token-fails.yaml',
      'android-device-admin-6-new-passcode.yaml',
      'unsupported-platforms.yaml',
      'device-actions-list-shows-status.yaml',
      'fault-offline-at-start.yaml',
      'fault-offline-while-pending.yaml',
      'fault-drop-connection-on-command.yaml',
      'fault-not-now-once.yaml',
      'fault-not-now-n-times.yaml',
      'fault-latency.yaml',
      'fault-agent-restart.yaml',
      'fault-server-restart.yaml',
    ]) {
      expect(names).toContain(expected);
    }
  });
});
