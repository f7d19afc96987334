// A shared server that shuts down under a run is the environment failing, not the behaviour under test: while it
// closes Fastify answers 503 {"error":"Service Unavailable"} to every request, which is exit 3 and a JUnit <error>.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runScenarios } from '../../runner/run-scenarios.js';
import { loadScenarioFiles } from '../../runner/scenario-file.js';
import { nextAction, startRunner, startSharedServer, unansweringDeviceSocket } from './runner-process.js';
import { parseXml } from './xml-structure.js';

it('reports a server that closes mid-step as unavailable (exit 3, ServerUnavailable), not as a failure', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mdmsim-closing-'));
  const file = join(dir, 'closing.yaml');
  // The reset is done at once; the second step then waits on the server's events for a screen that never comes.
  await writeFile(
    file,
    `name: server closes mid-step
fleet:
  - { name: iPad, enrollment: iosDeviceEnrollment, osVersion: "17.4" }
steps:
  - resetPasscode: iPad
  - expect: { device: iPad, screen: settings }
`,
  );
  const junit = join(dir, 'junit.xml');
  const { host, args } = await startSharedServer();
  const runner = startRunner([
    file,
    ...args,
    '--fleet-namespace',
    'closing',
    '--step-timeout',
    '120000',
    '--junit',
    junit,
  ]);
  await nextAction(host, (action) => action.state === 'done');
  const held = await unansweringDeviceSocket(host.url);
  const closed = host.close();
  const { code } = await runner.exited;
  held.destroy();
  await closed;
  expect(code, runner.output()).toBe(3);
  expect(runner.output()).toContain('ERROR server closes mid-step');
  const testcase = parseXml(await readFile(junit, 'utf8')).children[0]?.children[0];
  expect(testcase?.children[0]?.name).toBe('error');
  expect(testcase?.children[0]?.attributes.type).toBe('ServerUnavailable');
  expect(testcase?.children[0]?.attributes.message).toContain(
    'the server is shutting down (503 Service Unavailable',
  );
  // The step that met it is the one that was waiting, on line 6.
  expect(testcase?.attributes.line).toBe('6');
}, 60_000);

it("keeps Graph's own 503 (an injected graphFault) a behaviour the scenario judges, against a shared server", async () => {
  const { host } = await startSharedServer();
  try {
    const [result] = await runScenarios(
      await loadScenarioFiles(['scenarios/graph-503-device-healthy.yaml']),
      {
        server: {
          url: host.url,
          adminToken: host.config.adminToken,
          simToken: host.config.simToken,
          enrollmentToken: host.config.enrollmentToken,
        },
      },
    );
    expect(result?.status, JSON.stringify(result?.steps)).toBe('passed');
  } finally {
    await host.close();
  }
});
