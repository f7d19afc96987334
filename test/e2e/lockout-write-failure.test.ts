// Regression: a lockout file that cannot be written (full disk, read-only or broken data folder) must not take the
// agents process down: the device stays connected, the wrong passcode is still refused and the lockout still holds.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { type Host, privateAppConfig, startHost } from '../../server/host.js';

const folder = mkdtempSync(join(tmpdir(), 'mdmsim-lockout-fail-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const fleetFile = join(folder, 'fleet.yaml');
writeFileSync(
  fleetFile,
  `devices:
  - { name: iphone, enrollment: iosDeviceEnrollment, osVersion: "17.4", passcode: "246810" }
`,
);
const dataDir = join(folder, 'data');

function startAgents(serverUrl: string, enrollmentToken: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'agents/main.ts'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      MDMSIM_SERVER_URL: serverUrl,
      MDMSIM_ENROLLMENT_TOKEN: enrollmentToken,
      MDMSIM_FLEET_FILE: fleetFile,
      MDMSIM_FLEET_NAME: 'lockout-write-failure',
      MDMSIM_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves once the host's one device is connected. */
function connected(host: Host): Promise<string> {
  const { registry, events } = host.app.services;
  return new Promise((resolve) => {
    const check = () => {
      const device = registry.list()[0];
      if (!device?.connected) return;
      events.off('device', check);
      resolve(device.id);
    };
    events.on('device', check);
    check();
  });
}

it('keeps the device connected and the lockout in memory when the lockout file cannot be written', async () => {
  const config = privateAppConfig();
  const host = await startHost({ app: config, listen: { host: '127.0.0.1', port: 0 } });
  const sim = async (path: string, body: unknown) => {
    const response = await fetch(`${host.url}/sim${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.simToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as { error?: { message: string } };
    return { status: response.status, message: answer.error?.message };
  };
  const agents = startAgents(host.url, config.enrollmentToken);
  let output = '';
  agents.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  agents.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const closed = new Promise<number | null>((resolve) => agents.once('close', resolve));
  try {
    const id = await connected(host);
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
    expect(agents.exitCode).toBeNull();
  } finally {
    agents.kill('SIGTERM');
  }
  expect(await closed).toBe(0);
  await host.close();
  // Logged once for the kind of failure, with no passcode; no temp file left beside the kept lockouts.
  expect(output.match(/cannot write the lockout file/g)).toHaveLength(1);
  expect(output).toContain('ENOTDIR');
  expect(output).not.toContain('000000');
  expect(output).not.toContain('246810');
  expect(readdirSync(join(dataDir, 'agents-moved')).filter((name) => name.includes('.next'))).toEqual([]);
}, 60_000);
