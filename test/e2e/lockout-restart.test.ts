// Regression: a passcode lockout and its failure count survive a restart of the agents process (SIGKILL, as a power
// cut), as they survive a phone's restart (the period starting over); otherwise a restart hands out new attempts.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { lockoutFileOf } from '../../agents/runtime/lockout-store.js';
import { type Host, privateAppConfig, startHost } from '../../server/host.js';

const MINUTE = 60_000;
const folder = mkdtempSync(join(tmpdir(), 'mdmsim-lockout-'));
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
      MDMSIM_FLEET_NAME: 'lockout-restart',
      MDMSIM_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Resolves once the host's one device is connected (`true`) or not (`false`). */
function connected(host: Host, wanted: boolean): Promise<string> {
  const { registry, events } = host.app.services;
  return new Promise((resolve) => {
    const check = () => {
      const device = registry.list()[0];
      if (!device || device.connected !== wanted) return;
      events.off('device', check);
      resolve(device.id);
    };
    events.on('device', check);
    check();
  });
}

it('keeps the failure count and the lockout across an agents SIGKILL and restart', async () => {
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
  let agents = startAgents(host.url, config.enrollmentToken);
  try {
    const id = await connected(host, true);
    const unlock = (passcode: string) => sim(`/devices/${id}/input`, { type: 'unlock', passcode });
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await unlock('000000')).toEqual({ status: 409, message: 'Wrong passcode. Try again.' });
    }
    expect(await unlock('000000')).toEqual({
      status: 409,
      message: 'iPhone Unavailable. Try again in 1 minute.',
    });
    expect(existsSync(lockoutFileOf(dataDir, 'lockout-restart'))).toBe(true);

    // A power cut of the agents: no chance to save anything on the way down.
    const exited = new Promise((resolve) => agents.once('exit', resolve));
    agents.kill('SIGKILL');
    await exited;
    await connected(host, false);
    agents = startAgents(host.url, config.enrollmentToken);
    await connected(host, true);

    // Still locked out, and the minute starts over from the restart (as on a restarted phone): even the right
    // passcode waits for it.
    expect((await unlock('246810')).message).toBe('iPhone Unavailable. Try again in 1 minute.');
    expect((await sim('/clock', { advanceMs: MINUTE - 1_000 })).status).toBe(200);
    expect((await unlock('246810')).message).toBe('iPhone Unavailable. Try again in 1 minute.');
    expect((await sim('/clock', { advanceMs: 1_000 })).status).toBe(200);
    // The count was kept too: the next wrong passcode is the sixth, five minutes.
    expect(await unlock('000000')).toEqual({
      status: 409,
      message: 'iPhone Unavailable. Try again in 5 minutes.',
    });
    expect((await sim('/clock', { advanceMs: 5 * MINUTE })).status).toBe(200);
    expect((await unlock('246810')).status).toBe(200);
  } finally {
    agents.kill('SIGKILL');
    await host.close();
  }
}, 60_000);
