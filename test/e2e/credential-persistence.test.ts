// Regressions: a device keeps the passcode an admin's action or its user left it with, and a work profile its activated
// reset token and its pending new passcode, across a SIGKILL and restart of the agents process, as a phone keeps them
// across a restart; the simulator's reset puts it back as its fleet file started it, for good.
import { readFileSync, statSync } from 'node:fs';
import { expect, it } from 'vitest';
import { credentialFileOf } from '../../agents/runtime/credential-store.js';
import { privateAppConfig, startHost } from '../../server/host.js';
import {
  devicesConnected,
  fleetFolder,
  postSim,
  startAgentsProcess,
  whenDevices,
} from '../support/agents-process.js';

const { fleetFile, dataDir } = fleetFolder(
  'mdmsim-credentials-',
  `devices:
  - name: iphone
    enrollment: iosDeviceEnrollment
    osVersion: "17.4"
    passcode: "246810"
    policy: { passcodeRequired: true, minLength: 6 }
  - name: work-profile
    enrollment: androidWorkProfile
    osVersion: "9.0"
    passcode: "24682468"
    policy: { passcodeRequired: true, minLength: 8 }
`,
);
const FLEET = 'credential-restart';

it('keeps a removed passcode, an activated reset token and a reset passcode across agents restarts', async () => {
  const config = privateAppConfig();
  const host = await startHost({ app: config, listen: { host: '127.0.0.1', port: 0 } });
  const startAgents = () =>
    startAgentsProcess({
      serverUrl: host.url,
      enrollmentToken: config.enrollmentToken,
      fleetFile,
      fleetName: FLEET,
      dataDir,
    });
  let agents = startAgents();
  /** A power cut of the agents, then a fresh process from the same data folder. */
  const restartAgents = async () => {
    agents.child.kill('SIGKILL');
    await agents.exited;
    await whenDevices(host, (devices) => devices.every((device) => !device.connected));
    agents = startAgents();
    await devicesConnected(host, 2);
  };
  const deviceNamed = (name: string) => {
    const device = host.app.services.registry.list().find((d) => d.inventory.deviceName === name);
    if (!device) throw new Error(`no device ${name}`);
    return device;
  };
  const stateOf = (name: string) => deviceNamed(name).state;
  const input = async (name: string, body: Record<string, unknown>) =>
    postSim(host, config.simToken, `/devices/${deviceNamed(name).id}/input`, body);
  const graph = (method: 'GET' | 'POST', path: string) =>
    fetch(`${host.url}/beta/deviceManagement/managedDevices/${path}`, {
      method,
      headers: { authorization: `Bearer ${config.adminToken}` },
    });
  const adminAction = async (name: string, action: 'resetPasscode') => {
    expect((await graph('POST', `${deviceNamed(name).id}/${action}`)).status).toBe(204);
  };

  /** The reset's temporary passcode: it lived in the credential file, and must be in no log. */
  let temporary = 'none yet';
  try {
    await devicesConnected(host, 2);
    expect(stateOf('iphone').passcodeSet).toBe(true);
    expect(stateOf('work-profile').resetToken).toBe('inactive');

    // The user activates the work profile's reset token; the admin removes the iPhone's passcode.
    expect(
      (await input('work-profile', { type: 'tapNotification', notificationId: 'secureWorkProfile' })).status,
    ).toBe(200);
    expect((await input('work-profile', { type: 'enterPasscode', passcode: '24682468' })).status).toBe(200);
    await adminAction('iphone', 'resetPasscode');
    await whenDevices(host, () => stateOf('iphone').passcodeSet === false);

    await restartAgents();
    // Both kept: no passcode on the iPhone, the token still active.
    expect(stateOf('iphone').passcodeSet).toBe(false);
    expect(stateOf('work-profile')).toMatchObject({ resetToken: 'active', notifications: [] });

    // The admin resets the work profile's passcode; the restart comes before the user has chosen a new one.
    await adminAction('work-profile', 'resetPasscode');
    await whenDevices(host, () => stateOf('work-profile').workProfileLocked === true);
    const results = (await (
      await graph('GET', `${deviceNamed('work-profile').id}?$select=deviceActionResults`)
    ).json()) as { deviceActionResults: Array<{ passcode?: string }> };
    temporary = results.deviceActionResults[0]?.passcode as string;
    expect(temporary).toMatch(/^\d{8,}$/);

    await restartAgents();
    // The temporary passcode is the work profile's now, and Android still asks for a new one once it is entered.
    expect((await input('work-profile', { type: 'openApp' })).status).toBe(200);
    expect(stateOf('work-profile').screen.view).toBe('workProfileLocked');
    expect((await input('work-profile', { type: 'enterPasscode', passcode: '24682468' })).status).toBe(409);
    expect((await input('work-profile', { type: 'enterPasscode', passcode: temporary })).status).toBe(200);
    expect(stateOf('work-profile').screen.view).toBe('setNewWorkProfilePasscode');

    // The simulator's reset puts both back as the fleet file started them, and a restart does not undo it.
    const reset = await postSim(host, config.simToken, '/reset', {});
    expect(reset.status).toBe(200);
    await restartAgents();
    expect(stateOf('iphone').passcodeSet).toBe(true);
    expect(stateOf('work-profile')).toMatchObject({ resetToken: 'inactive', workProfileLocked: false });
  } finally {
    agents.child.kill('SIGTERM');
    await agents.exited;
    await host.close();
  }
  // Owner-only, and the passcodes are nowhere in the agents' logs.
  const file = credentialFileOf(dataDir, FLEET);
  expect(readFileSync(file, 'utf8')).toBe('');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(agents.output()).not.toMatch(/246810|24682468/);
  expect(agents.output()).not.toContain(temporary);
}, 90_000);
