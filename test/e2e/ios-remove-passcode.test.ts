// The seed's iOS statements, end to end: passcodes are removed, and a compliance policy makes the user set a new one.
import { describe, expect, it } from 'vitest';
import { PASSCODE_GRACE_MS } from '../../agents/machines/ios.js';
import { adminClient, deviceUser } from '../support/admin-client.js';
import { storeBackends } from '../support/store-backends.js';
import { useSimulation } from '../support/use-simulation.js';

const policy = { passcodeRequired: true, minLength: 6 };

describe.each(storeBackends)('iOS Remove passcode (%s store)', (_store, storeLocation) => {
  const sim = useSimulation({
    store: storeLocation(),
    fleet: {
      devices: [
        { name: 'no-policy', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '2468' },
        {
          name: 'policy',
          enrollment: 'iosDeviceEnrollment',
          osVersion: '17.4',
          passcode: '123456',
          policy,
        },
        {
          name: 'policy-2',
          enrollment: 'iosDeviceEnrollment',
          osVersion: '17.4',
          passcode: '123456',
          policy,
        },
        {
          name: 'wrong-token',
          enrollment: 'iosDeviceEnrollment',
          osVersion: '16.0',
          passcode: '1357',
          unlockToken: 'mismatch',
        },
        {
          name: 'no-token',
          enrollment: 'iosDeviceEnrollment',
          osVersion: '16.0',
          passcode: '1357',
          unlockToken: 'missing',
        },
      ],
    },
  });

  it('removes the passcode (not resets it) on a device without a policy, with no prompt', async () => {
    const id = sim.deviceId('no-policy');
    await adminClient(sim).resetPasscode(id).expect(204);
    const action = await sim.waitForAction(id, (a) => a.state === 'done');
    expect(action.passcode).toBeNull();
    const device = await sim.waitForDevice(id, (d) => !d.state.passcodeSet);
    expect(device.state.prompt).toBeNull();
    expect(device.state.compliant).toBe(true);
    const home = await deviceUser(sim, id).act({ type: 'unlock' }).expect(200);
    expect(home.body.state.screen.view).toBe('home');
  });

  it('prompts the user to set a new passcode when a passcode compliance policy applies', async () => {
    const id = sim.deviceId('policy');
    const requestedAt = sim.app.services.clock.now();
    await adminClient(sim).resetPasscode(id).expect(204);
    await sim.waitForAction(id, (a) => a.state === 'done');
    const device = await sim.waitForDevice(id, (d) => d.state.prompt !== null);
    expect(device.state.passcodeSet).toBe(false);
    expect(device.state.compliant).toBe(false);
    expect(Date.parse(device.state.prompt?.deadline ?? '')).toBe(requestedAt + PASSCODE_GRACE_MS);
    const graph = await adminClient(sim).get(`/deviceManagement/managedDevices/${id}`).expect(200);
    expect(graph.body.complianceState).toBe('noncompliant');

    const user = deviceUser(sim, id);
    const prompted = await user.act({ type: 'unlock' }).expect(200);
    expect(prompted.body.state.screen.view).toBe('passcodeRequirement');
    await user.act({ type: 'dismissPrompt' }).expect(200);
    await user.act({ type: 'openSettings' }).expect(200);
    const refused = await user.act({ type: 'setPasscode', passcode: '123' }).expect(409);
    expect(refused.body.error.message).toContain('at least 6');
    const set = await user.act({ type: 'setPasscode', passcode: '654321' }).expect(200);
    expect(set.body.state).toMatchObject({ passcodeSet: true, compliant: true, prompt: null });
    const after = await adminClient(sim).get(`/deviceManagement/managedDevices/${id}`).expect(200);
    expect(after.body.complianceState).toBe('compliant');
  });

  it('after 60 minutes the prompt cannot be dismissed and no app opens until a passcode is set', async () => {
    const id = sim.deviceId('policy-2');
    await adminClient(sim).resetPasscode(id).expect(204);
    await sim.waitForDevice(id, (d) => d.state.prompt?.enforced === false);
    const user = deviceUser(sim, id);
    await user.act({ type: 'unlock' }).expect(200);
    await user.act({ type: 'dismissPrompt' }).expect(200);
    await user.act({ type: 'openApp' }).expect(200);

    sim.advanceClock(PASSCODE_GRACE_MS - 1000);
    await user.act({ type: 'goHome' }).expect(200);
    expect(sim.device(id).state.prompt?.enforced).toBe(false);
    await user.act({ type: 'dismissPrompt' }).expect(200);

    sim.advanceClock(2000);
    await sim.waitForDevice(id, (d) => d.state.prompt?.enforced === true);
    const blocked = await user.act({ type: 'openApp' }).expect(409);
    expect(blocked.body.error.message).toMatch(/passcode is required/i);
    await user.act({ type: 'dismissPrompt' }).expect(409);
    await user.act({ type: 'openSettings' }).expect(200);
    await user.act({ type: 'setPasscode', passcode: '112233' }).expect(200);
    await user.act({ type: 'goHome' }).expect(200);
    const app = await user.act({ type: 'openApp' }).expect(200);
    expect(app.body.state.screen.view).toBe('app');
  });

  it('fails the action with an error code when the stored unlock token is wrong', async () => {
    const id = sim.deviceId('wrong-token');
    await adminClient(sim).resetPasscode(id).expect(204);
    const action = await sim.waitForAction(id, (a) => a.state === 'failed');
    expect(action.errorCode).toBe(1001);
    expect(sim.device(id).state.passcodeSet).toBe(true);
    const graph = await adminClient(sim).get(`/deviceManagement/managedDevices/${id}`).expect(200);
    expect(graph.body.deviceActionResults[0]).toMatchObject({ actionState: 'failed', errorCode: 1001 });
  });

  it('fails the action when the device never sent an unlock token', async () => {
    const id = sim.deviceId('no-token');
    await adminClient(sim).resetPasscode(id).expect(204);
    const action = await sim.waitForAction(id, (a) => a.state === 'failed');
    expect(action.errorCode).toBe(1001);
  });
});
