// With --server the runner drives someone else's server over HTTP: scenarios pass, restarts it cannot do and clock
// moves it was not allowed are skipped, clock moves are reported, and its devices are removed after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerTarget, startInProcessServer } from '../../runner/in-process-server.js';
import { runScenarios } from '../../runner/run-scenarios.js';
import { loadScenarioFiles } from '../../runner/scenario-file.js';

describe('against a running server', () => {
  let server: ServerTarget;
  const simAuth = () => ({ headers: { authorization: `Bearer ${server.simToken}` } });
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
        allowClock: true,
        fleetNamespace: 'ci-run-1',
      },
    });
    expect(results.map((result) => result.status)).toEqual(['passed', 'passed', 'incomplete']);
    const restart = results[2]?.steps.find((step) => step.label === 'restartServer');
    expect(restart?.status).toBe('skipped');
    expect(restart?.message).toContain('SKIPPED');
    expect(results[2]?.steps.at(-1)?.status).toBe('notRun');
    // The clock move of the shared server is reported with its step, line and time.
    expect(results[0]?.clockChanges?.[0]).toMatchObject({ line: expect.any(Number), at: expect.any(String) });
    expect(results[0]?.clockChanges?.[0]?.advancedMs).toBeGreaterThan(0);
    // Its own fleet namespace, and nothing of the run is left on the server.
    for (const result of results) expect(result.fleetName).toMatch(/^ci-run-1-/);
    expect(results.map((result) => result.cleanup?.stillConnected)).toEqual([0, 0, 0]);
    const left = (await (await fetch(`${server.url}/sim/devices`, simAuth())).json()) as {
      devices: unknown[];
    };
    expect(left.devices).toEqual([]);
  });

  it('does not move a shared clock without --allow-clock: that step is skipped and says why', async () => {
    const before = (await (await fetch(`${server.url}/sim/clock`, simAuth())).json()) as { nowMs: number };
    const [result] = await runScenarios(await loadScenarioFiles(['scenarios/fault-not-now-once.yaml']), {
      server: {
        url: server.url,
        adminToken: server.adminToken,
        simToken: server.simToken,
        enrollmentToken: server.enrollmentToken,
      },
    });
    expect(result?.status).toBe('incomplete');
    expect(result?.steps.find((step) => step.status === 'skipped')?.message).toContain('--allow-clock');
    expect(result?.clockChanges).toBeUndefined();
    expect(result?.fleetName).toMatch(/^scenario-/);
    const after = (await (await fetch(`${server.url}/sim/clock`, simAuth())).json()) as { nowMs: number };
    expect(after.nowMs).toBe(before.nowMs);
  });
});
