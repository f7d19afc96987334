// Every scenario shipped in scenarios/ passes, each as its own test (so one failure hides none), on in-process servers.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../runner/run-scenario.js';
import { findScenarioFiles, loadScenarioFiles } from '../../runner/scenario-file.js';
import { describeFailure } from '../../runner/text-report.js';

const { files } = await findScenarioFiles(['scenarios']);
const scenarios = await loadScenarioFiles(files);

describe.concurrent('shipped scenarios', () => {
  it.each(scenarios.map((loaded) => [loaded.file.replace(/^scenarios\//, ''), loaded] as const))(
    '%s passes',
    async (_file, loaded) => {
      const result = await runScenario(loaded, {
        seed: 'test',
        stepTimeoutMs: 5_000,
        logger: pino({ level: 'silent' }),
      });
      expect(result.status === 'passed' ? '' : describeFailure(result)).toBe('');
      expect(result.status).toBe('passed');
    },
  );
});

describe('the shipped set', () => {
  it('covers every statement of the seed and every fault', () => {
    const names = files.map((file) => file.replace(/^scenarios\//, ''));
    expect(names).toEqual(
      expect.arrayContaining([
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
      ]),
    );
    expect(scenarios).toHaveLength(files.length);
  });
});
