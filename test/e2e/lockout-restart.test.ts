// Regression: a passcode lockout and its failure count survive a restart of the agents process (SIGKILL, as a power
// cut), as they survive a phone's restart (the period starting over); otherwise a restart hands out new attempts.
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { lockoutFileOf } from '../../agents/runtime/lockout-store.js';
import { privateAppConfig, startHost } from '../../server/host.js';
import { fleetFolder, onlyDeviceConnected, postSim, startAgentsProcess } from '../support/agents-process.js';

const MINUTE = 60_000;
const { fleetFile, dataDir } = fleetFolder(
  'mdmsim-lockout-',
  `devices:
  - { name: iphone, enrollment: iosDeviceEnrollment, osVersion: "17.4", passcode: "246810" }
`,
);

it('keeps the failure count and the lockout across an agents SIGKILL and restart', async () => {
  const config = privateAppConfig();
  const host = await startHost({ app: config, listen: { host: '127.0.0.1', port: 0 } });
  const sim = (path: string, body: unknown) => postSim(host, config.simToken, path, body);
  const startAgents = () =>
    startAgentsProcess({
      serverUrl: host.url,
      enrollmentToken: config.enrollmentToken,
      fleetFile,
      fleetName: 'lockout-restart',
      dataDir,
    });
  let agents = startAgents();
  try {
    const id = await onlyDeviceConnected(host, true);
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
    agents.child.kill('SIGKILL');
    await agents.exited;
    await onlyDeviceConnected(host, false);
    agents = startAgents();
    await onlyDeviceConnected(host, true);

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
    agents.child.kill('SIGKILL');
    await host.close();
  }
}, 60_000);
