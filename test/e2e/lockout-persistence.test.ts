// Regressions: a passcode lockout and its failure count survive a restart of the agents process (SIGKILL, as a power
// cut), as they survive a phone's restart (the period starting over), and a lockout file that cannot be written (full
// disk, read-only or broken data folder) does not take the agents process down: the lockout still holds in memory.
import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { lockoutFileOf } from '../../agents/runtime/lockout-store.js';
import { privateAppConfig, startHost } from '../../server/host.js';
import { fleetFolder, onlyDeviceConnected, postSim, startAgentsProcess } from '../support/agents-process.js';

const MINUTE = 60_000;
const { fleetFile, folder } = fleetFolder(
  'mdmsim-lockout-',
  `devices:
  - { name: iphone, enrollment: iosDeviceEnrollment, osVersion: "17.4", passcode: "246810" }
`,
);

/** A server, and an agents process for the one iPhone keeping its lockouts in `dataDir`, with the user's unlock. */
async function lockoutTestbed(fleetName: string) {
  const dataDir = join(folder, fleetName);
  const config = privateAppConfig();
  const host = await startHost({ app: config, listen: { host: '127.0.0.1', port: 0 } });
  const sim = (path: string, body: unknown) => postSim(host, config.simToken, path, body);
  const startAgents = () =>
    startAgentsProcess({
      serverUrl: host.url,
      enrollmentToken: config.enrollmentToken,
      fleetFile,
      fleetName,
      dataDir,
    });
  const agents = startAgents();
  const id = await onlyDeviceConnected(host, true);
  const unlock = (passcode: string) => sim(`/devices/${id}/input`, { type: 'unlock', passcode });
  return { dataDir, host, sim, unlock, agents, startAgents };
}

/** Four wrong passcodes are refused; the fifth locks the iPhone for a minute (as iOS does). */
async function lockOut(unlock: (passcode: string) => Promise<{ status: number; message?: string }>) {
  for (let attempt = 1; attempt <= 4; attempt++) {
    expect(await unlock('000000')).toEqual({ status: 409, message: 'Wrong passcode. Try again.' });
  }
  expect(await unlock('000000')).toEqual({
    status: 409,
    message: 'iPhone Unavailable. Try again in 1 minute.',
  });
}

it('keeps the failure count and the lockout across an agents SIGKILL and restart', async () => {
  const bed = await lockoutTestbed('lockout-restart');
  let { agents } = bed;
  try {
    await lockOut(bed.unlock);
    expect(existsSync(lockoutFileOf(bed.dataDir, 'lockout-restart'))).toBe(true);

    // A power cut of the agents: no chance to save anything on the way down.
    agents.child.kill('SIGKILL');
    await agents.exited;
    await onlyDeviceConnected(bed.host, false);
    agents = bed.startAgents();
    await onlyDeviceConnected(bed.host, true);

    // Still locked out, and the minute starts over from the restart (as on a restarted phone): even the right
    // passcode waits for it.
    expect((await bed.unlock('246810')).message).toBe('iPhone Unavailable. Try again in 1 minute.');
    expect((await bed.sim('/clock', { advanceMs: MINUTE - 1_000 })).status).toBe(200);
    expect((await bed.unlock('246810')).message).toBe('iPhone Unavailable. Try again in 1 minute.');
    expect((await bed.sim('/clock', { advanceMs: 1_000 })).status).toBe(200);
    // The count was kept too: the next wrong passcode is the sixth, five minutes.
    expect(await bed.unlock('000000')).toEqual({
      status: 409,
      message: 'iPhone Unavailable. Try again in 5 minutes.',
    });
    expect((await bed.sim('/clock', { advanceMs: 5 * MINUTE })).status).toBe(200);
    expect((await bed.unlock('246810')).status).toBe(200);
  } finally {
    agents.child.kill('SIGKILL');
    await bed.host.close();
  }
}, 60_000);

it('keeps the device connected and the lockout in memory when the lockout file cannot be written', async () => {
  const bed = await lockoutTestbed('lockout-write-failure');
  const { agents, dataDir } = bed;
  try {
    // The fleet's folder becomes a regular file under the running process (chmod does not stop root, CI's user):
    // every write of the lockout file now fails with ENOTDIR.
    renameSync(join(dataDir, 'agents'), join(dataDir, 'agents-moved'));
    writeFileSync(join(dataDir, 'agents'), 'not a folder');

    await lockOut(bed.unlock);
    // The lockout holds in memory: even the right passcode waits for it.
    expect((await bed.unlock('246810')).message).toBe('iPhone Unavailable. Try again in 1 minute.');
    expect(bed.host.app.services.registry.list()[0]?.connected).toBe(true);
    expect(agents.child.exitCode).toBeNull();
  } finally {
    agents.child.kill('SIGTERM');
  }
  expect((await agents.exited).code).toBe(0);
  const output = agents.output();
  await bed.host.close();
  // Logged once for the kind of failure, with no passcode; no temp file left beside the kept lockouts.
  expect(output.match(/cannot write the lockout file/g)).toHaveLength(1);
  expect(output).toContain('ENOTDIR');
  expect(output).not.toContain('000000');
  expect(output).not.toContain('246810');
  expect(readdirSync(join(dataDir, 'agents-moved')).filter((name) => name.includes('.next'))).toEqual([]);
}, 60_000);
