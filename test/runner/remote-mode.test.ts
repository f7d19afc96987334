// With --server the runner drives someone else's server over HTTP: scenarios pass, and restarts it cannot do are skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerTarget, startInProcessServer } from '../../runner/in-process-server.js';
import { runScenarios } from '../../runner/run-scenarios.js';
import { loadScenarioFiles } from '../../runner/scenario-file.js';

describe('against a running server', () => {
  let server: ServerTarget;
  beforeAll(async () => {
    server = await startInProcessServer({ supportEdition: '2018-03', notNowRetryMs: 60_000 });
  });
  afterAll(() => server.close());

  it('runs scenarios over HTTP and reports an unrestartable server as incomplete, not passed', async () => {
    const scenarios = await loadScenarioFiles([
      'scenarios/fault-not-now-once.yaml',
      'scenarios/unsupported-platforms.yaml',
      'scenarios/fault-server-restart.yaml',
    ]);
    const results = await runScenarios(scenarios, {
      server: {
        url: server.url,
        adminToken: server.adminToken,
        simToken: server.simToken,
        enrollmentToken: server.enrollmentToken,
      },
    });
    expect(results.map((result) => result.status)).toEqual(['passed', 'passed', 'incomplete']);
    const restart = results[2]?.steps.find((step) => step.label === 'restartServer');
    expect(restart?.status).toBe('skipped');
    expect(restart?.message).toContain('SKIPPED');
    expect(results[2]?.steps.at(-1)?.status).toBe('notRun');
  });
});
