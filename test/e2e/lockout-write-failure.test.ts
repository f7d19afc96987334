// Regression: a lockout file that cannot be written (full disk, read-only or broken data folder) must not take the
// agents process down: the device stays connected, the wrong passcode is still refused and the lockout still holds.
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { privateAppConfig, startHost } from '../../server/host.js';
import { fleetFolder, onlyDeviceConnected, postSim, startAgentsProcess } from '../support/agents-process.js';

const { fleetFile, dataDir } = fleetFolder(
  'mdmsim-lockout-fail-',
  `devices:
  - { name: iphone, enrollment: iosDeviceEnrollment, osVersion: "17.4", passcode: "246810" }
`,
);

it('keeps the device connected and the lockout in memory when the lockout file cannot be written', async () => {
  const config = privateAppConfig();
  const host = await startHost({ app: config, listen: { host: '127.0.0.1', port: 0 } });
  const sim = (path: string, body: unknown) => postSim(host, config.simToken, path, body);
  const agents = startAgentsProcess({
    serverUrl: host.url,
    enrollmentToken: config.enrollmentToken,
    fleetFile,
    fleetName: 'lockout-write-failure',
    dataDir,
  });
  try {
    const id = await onlyDeviceConnected(host, true);
    // The fleet's folder becomes a regular file under the running process (chmod does not stop root, CI's user):
    // every write of the lockout file now fails with ENOTDIR.
    renameSync(join(dataDir, 'agents'), join(dataDir, 'agents-moved'));
    writeFileSync(join(dataDir, 'agents'), 'not a folder');

    const unlock = (passcode: string) => sim(`/devices/${id}/input`, { type: 'unlock', passcode });
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await unlock('000000')).toEqual({ status: 409, message: 'Wrong passcode. Try again.' });
    }
    expect(await unlock('000000')).toEqual({
      status: 409,
      message: 'iPhone Unavailable. Try again in 1 minute.',
    });
    // The lockout holds in memory: even the right passcode waits for it.
    expect((await unlock('246810')).message).toBe('iPhone Unavailable. Try again in 1 minute.');
    expect(host.app.services.registry.list()[0]?.connected).toBe(true);
    expect(agents.child.exitCode).toBeNull();
  } finally {
    agents.child.kill('SIGTERM');
  }
  expect((await agents.exited).code).toBe(0);
  const output = agents.output();
  await host.close();
  // Logged once for the kind of failure, with no passcode; no temp file left beside the kept lockouts.
  expect(output.match(/cannot write the lockout file/g)).toHaveLength(1);
  expect(output).toContain('ENOTDIR');
  expect(output).not.toContain('000000');
  expect(output).not.toContain('246810');
  expect(readdirSync(join(dataDir, 'agents-moved')).filter((name) => name.includes('.next'))).toEqual([]);
}, 60_000);
