// Every scenario shipped in scenarios/ passes, each as its own test (so one failure hides none), on in-process servers
// of both stores (the nanomdm conformance habit): SQLite, as the runner uses by default, and memory.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { InProcessStore } from '../../runner/in-process-server.js';
import { runScenario } from '../../runner/run-scenario.js';
import { findScenarioFiles, loadScenarioFiles } from '../../runner/scenario-file.js';
import { describeFailure } from '../../runner/text-report.js';

const { files } = await findScenarioFiles(['scenarios']);
const scenarios = await loadScenarioFiles(files);

/** A restart keeps only what a store file holds: a memory server starts empty again, so those scenarios need SQLite. */
const needsDurableStore = (loaded: (typeof scenarios)[number]) =>
  loaded.scenario.steps.some((step) => 'restartServer' in step);

describe.concurrent.each<InProcessStore>(['sqlite', 'memory'])(
  'shipped scenarios on the %s store',
  (store) => {
    it.for(scenarios.map((loaded) => [loaded.file.replace(/^scenarios\//, ''), loaded] as const))(
      '%s passes',
      async ([_file, loaded], context) => {
        if (store === 'memory' && needsDurableStore(loaded))
          context.skip('a memory server forgets on restart');
        const result = await runScenario(loaded, {
          seed: 'test',
          stepTimeoutMs: 5_000,
          logger: pino({ level: 'silent' }),
          inProcessStore: store,
        });
        expect(result.status === 'passed' ? '' : describeFailure(result)).toBe('');
        expect(result.status).toBe('passed');
      },
    );
  },
);

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
