// A run stopped by SIGTERM (a CI job cancelled) or SIGINT (Ctrl-C) says so in its reports, leaves none of its
// devices on the shared server, and exits with the signal's status in bounded time, even if the server hangs.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { INTERRUPT_EXIT_MS } from '../../runner/interrupts.js';
import { startFreezableProxy } from './freezable-proxy.js';
import { nextAction, startRunner, startSharedServer } from './runner-process.js';
import { parseXml } from './xml-structure.js';

/** Two scenarios run one at a time: the first waits (step 2, line 6) for a screen that never comes. */
async function scenarioFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mdmsim-interrupt-'));
  const fleet = 'fleet:\n  - { name: iPad, enrollment: iosDeviceEnrollment, osVersion: "17.4" }\n';
  await writeFile(
    join(dir, 'a-waits.yaml'),
    `name: waits\n${fleet}steps:\n  - resetPasscode: iPad\n  - expect: { device: iPad, screen: settings }\n`,
  );
  await writeFile(join(dir, 'b-later.yaml'), `name: later\n${fleet}steps:\n  - resetPasscode: iPad\n`);
  return dir;
}

it('on SIGTERM writes the reports (cancelled, not run), removes its devices and exits 143', async () => {
  const dir = await scenarioFolder();
  const junit = join(dir, 'reports', 'junit.xml');
  const json = join(dir, 'reports', 'report.json');
  const { host, args } = await startSharedServer();
  try {
    const runner = startRunner([
      dir,
      ...args,
      ...['--fleet-namespace', 'cancelled', '--concurrency', '1', '--step-timeout', '120000'],
      ...['--junit', junit, '--json', json],
    ]);
    await nextAction(host, (action) => action.state === 'done');
    const signalled = performance.now();
    runner.child.kill('SIGTERM');
    const { code } = await runner.exited;
    expect(performance.now() - signalled).toBeLessThan(INTERRUPT_EXIT_MS);
    expect(code, runner.output()).toBe(143);
    expect(runner.output()).toContain('SIGTERM: starting no more scenarios');
    expect(runner.output()).toContain('CANCELLED waits');

    const suite = parseXml(await readFile(junit, 'utf8')).children[0];
    expect(suite?.attributes).toMatchObject({ tests: '2', failures: '0', errors: '1', skipped: '1' });
    const [waits, later] = suite?.children ?? [];
    expect(waits?.attributes).toMatchObject({ name: 'waits', line: '6' });
    expect(waits?.children[0]?.attributes).toMatchObject({ type: 'Cancelled' });
    expect(later?.children[0]?.name).toBe('skipped');
    expect(later?.children[0]?.attributes.message).toBe('not run: the run was interrupted (SIGTERM)');

    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report).toMatchObject({
      interrupted: 'SIGTERM',
      cancelled: 1,
      notRun: [join(dir, 'b-later.yaml')],
    });
    expect(report.scenarios[0]).toMatchObject({
      status: 'cancelled',
      cleanup: { removed: 1, stillConnected: 0 },
    });
    expect(report.scenarios[0].steps.map((step: { status: string }) => step.status)).toEqual([
      'passed',
      'cancelled',
    ]);
    // Nothing of the run is left on the shared server.
    expect(
      host.app.services.registry.list().filter((device) => device.fleet.startsWith('cancelled')),
    ).toEqual([]);
  } finally {
    await host.close();
  }
}, 60_000);

it('on SIGINT with a server that stopped answering, exits 130 in bounded time, saying what may be left', async () => {
  const dir = await scenarioFolder();
  const junit = join(dir, 'junit.xml');
  const json = join(dir, 'report.json');
  const { host, args } = await startSharedServer();
  const proxy = await startFreezableProxy(host.url);
  try {
    const runner = startRunner([
      dir,
      ...args.map((arg) => (arg === host.url ? proxy.url : arg)),
      ...['--concurrency', '1', '--step-timeout', '120000', '--junit', junit, '--json', json],
    ]);
    await nextAction(host, (action) => action.state === 'done');
    proxy.freeze();
    const signalled = performance.now();
    runner.child.kill('SIGINT');
    const { code } = await runner.exited;
    expect(performance.now() - signalled).toBeLessThan(INTERRUPT_EXIT_MS);
    expect(code, runner.output()).toBe(130);
    const suite = parseXml(await readFile(junit, 'utf8')).children[0];
    expect(suite?.children[0]?.children[0]?.attributes).toMatchObject({ type: 'Cancelled' });
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report).toMatchObject({ interrupted: 'SIGINT', cancelled: 1 });
    // The devices could not be removed: the report says so rather than claim a clean server.
    expect(report.scenarios[0].cleanup.error).toContain('did not answer in time');
  } finally {
    await proxy.close();
    await host.close();
  }
}, 60_000);
