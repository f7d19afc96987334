// The device protocol at the edge: bad frames, impersonation, offline delivery, NotNow and idempotent results.
import { afterEach, describe, expect, it } from 'vitest';
import { deviceSecretFor } from '../../agents/runtime/device-identity.js';
import { CloseCode, PROTOCOL_VERSION } from '../../shared/protocol.js';
import { adminClient, deviceUser, simRequest } from '../support/admin-client.js';
import { connectRawDevice, type RawDevice } from '../support/raw-device.js';
import { useSimulation } from '../support/use-simulation.js';

describe('device gateway', () => {
  const sim = useSimulation({
    fleet: {
      devices: [
        { name: 'victim', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1234' },
        { name: 'bystander', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1234' },
        { name: 'offline', enrollment: 'androidDeviceAdministrator', osVersion: '6.0', passcode: '1234' },
        { name: 'manual', enrollment: 'androidDeviceAdministrator', osVersion: '6.0', passcode: '1234' },
        { name: 'thief', enrollment: 'androidDeviceAdministrator', osVersion: '6.0', passcode: '1234' },
        { name: 'owner', enrollment: 'androidDeviceAdministrator', osVersion: '6.0', passcode: '1234' },
        { name: 'replaced', enrollment: 'androidDeviceAdministrator', osVersion: '6.0', passcode: '1234' },
      ],
    },
  });
  const opened: RawDevice[] = [];
  const raw = async () => {
    const device = await connectRawDevice(sim.url);
    opened.push(device);
    return device;
  };
  /** A hello for one of the fleet's devices, optionally with other credentials. */
  const helloFor = (name: string, secret?: string) => {
    const agent = sim.fleet.agent(sim.deviceId(name));
    if (!agent) throw new Error(name);
    return {
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      deviceId: agent.deviceId,
      deviceSecret: secret ?? deviceSecretFor(sim.fleet.deviceKey, agent.deviceId),
      enrollmentToken: sim.enrollmentToken,
      fleet: 'raw',
      inventory: agent.inventory,
      state: agent.device.state(),
    };
  };

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((device) => device.close()));
  });

  it('closes with HelloRequired when the first frame is not a hello', async () => {
    const device = await raw();
    device.sendJson({ type: 'state', state: {} });
    expect((await device.closed).code).toBe(CloseCode.HelloRequired);
  });

  it('closes a connection once, however many bad frames the peer sends while it closes', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const device = await raw();
      for (let i = 0; i < 30; i++) device.sendJson(null);
      expect((await device.closed).code).toBe(CloseCode.HelloRequired);
    } finally {
      process.off('warning', onWarning);
    }
    // One close per frame added a listener each: Node warned of a leak (and wrote it to stdout, amid the JSON log).
    expect(warnings.map((warning) => warning.name)).toEqual([]);
  });

  it('refuses a hello with another device id and the wrong credentials (Unauthorized) and keeps the real one', async () => {
    const device = await raw();
    device.sendJson(helloFor('victim', 'x'.repeat(43)));
    expect((await device.closed).code).toBe(CloseCode.Unauthorized);
    expect(sim.device(sim.deviceId('victim')).connected).toBe(true);
  });

  it('refuses an unknown device without the enrollment token', async () => {
    const device = await raw();
    device.sendJson({
      ...helloFor('victim'),
      deviceId: '11111111-1111-4111-8111-111111111111',
      enrollmentToken: 'wrong-enrollment-token',
    });
    expect((await device.closed).code).toBe(CloseCode.Unauthorized);
  });

  it('closes with UnsupportedProtocol for another protocol version', async () => {
    const device = await raw();
    device.sendJson({ ...helloFor('victim'), protocolVersion: 99 });
    expect((await device.closed).code).toBe(CloseCode.UnsupportedProtocol);
  });

  it('still takes a version-1 agent, whose state has no passcodeKind', async () => {
    const id = sim.deviceId('manual');
    await sim.fleet.agent(id)?.stop();
    await sim.waitForDevice(id, (d) => !d.connected);
    const device = await raw();
    const { passcodeKind: _left, ...olderState } = helloFor('manual').state;
    device.sendJson({ ...helloFor('manual'), protocolVersion: 1, state: olderState });
    await device.next('welcome');
    await sim.waitForDevice(id, (d) => d.connected);
    device.close();
  });

  it('sends a version-2 agent only the inputs it reads, and refuses the others with AgentTooOld', async () => {
    const id = sim.deviceId('manual');
    await sim.fleet.agent(id)?.stop();
    await sim.waitForDevice(id, (d) => !d.connected);
    const device = await raw();
    device.sendJson({ ...helloFor('manual'), protocolVersion: 2 });
    await device.next('welcome');
    await sim.waitForDevice(id, (d) => d.connected);
    const refused = await simRequest(sim)
      .post(`/sim/devices/${id}/input`, { type: 'setPasscode', passcode: '654321', currentPasscode: '1234' })
      .expect(409);
    expect(refused.body.error).toMatchObject({ code: 'AgentTooOld' });
    expect(refused.body.error.message).toContain('protocol version 2');
    await simRequest(sim).post(`/sim/devices/${id}/input`, { type: 'openApp', app: 'personal' }).expect(409);
    // What version 2 reads still goes through.
    const asked = simRequest(sim).post(`/sim/devices/${id}/input`, { type: 'openApp' });
    const answered = asked.then((response) => response);
    const input = await device.next('input');
    expect(input.input).toEqual({ type: 'openApp' });
    device.sendJson({ type: 'inputResult', requestId: input.requestId, accepted: true });
    expect((await answered).status).toBe(200);
    device.close();
  });

  it('answers malformed frames with protocol errors and keeps serving this and every other device', async () => {
    const id = sim.deviceId('manual');
    await sim.fleet.agent(id)?.stop();
    await sim.waitForDevice(id, (d) => !d.connected);
    const device = await raw();
    device.sendJson(helloFor('manual'));
    await device.next('welcome');
    device.sendRaw('{not json');
    expect((await device.next('protocolError')).code).toBe('InvalidJson');
    device.sendJson({ type: 'result', result: { commandId: 'x', status: 'Maybe' } });
    expect((await device.next('protocolError')).code).toBe('InvalidMessage');
    device.sendJson({ type: 'teleport' });
    expect((await device.next('protocolError')).code).toBe('InvalidMessage');
    device.sendRaw(Buffer.from([0xff, 0x00]));
    expect((await device.next('protocolError')).code).toBe('InvalidJson');
    device.sendJson({ type: 'result', result: { commandId: 'not-mine', status: 'Acknowledged' } });

    const bystander = sim.deviceId('bystander');
    await adminClient(sim).resetPasscode(bystander).expect(204);
    await sim.waitForAction(bystander, (a) => a.state === 'done');
    expect(sim.device(id).connected).toBe(true);
    await device.close();
    sim.fleet.agent(id)?.resume();
    await sim.waitForDevice(id, (d) => d.connected);
  });

  it('queues the action for an offline device (204, pending) and delivers it when the device connects', async () => {
    const id = sim.deviceId('offline');
    const agent = sim.fleet.agent(id);
    await agent?.stop();
    await sim.waitForDevice(id, (d) => !d.connected);
    await adminClient(sim).resetPasscode(id).expect(204);
    expect(sim.latestAction(id)?.state).toBe('pending');
    const graph = await adminClient(sim).get(`/deviceManagement/managedDevices/${id}`).expect(200);
    expect(graph.body.deviceActionResults[0].actionState).toBe('pending');
    agent?.resume();
    await sim.waitForAction(id, (a) => a.state === 'done');
  });

  it('keeps a command queued on NotNow, offers it again, and treats repeated results as one', async () => {
    const id = sim.deviceId('manual');
    await sim.fleet.agent(id)?.stop();
    await sim.waitForDevice(id, (d) => !d.connected);
    await adminClient(sim).resetPasscode(id).expect(204);
    const device = await raw();
    device.sendJson(helloFor('manual'));
    const first = await device.next('command');
    expect(first.request.requestType).toBe('ResetPassword');
    await sim.waitForAction(id, (a) => a.state === 'active');
    device.sendJson({ type: 'result', result: { commandId: first.commandId, status: 'NotNow' } });
    await sim.waitForAction(id, (a) => a.state === 'pending');
    sim.advanceClock(60_000);
    const again = await device.next('command');
    expect(again.commandId).toBe(first.commandId);
    device.sendJson({ type: 'result', result: { commandId: first.commandId, status: 'Acknowledged' } });
    await sim.waitForAction(id, (a) => a.state === 'done');
    device.sendJson({
      type: 'result',
      result: { commandId: first.commandId, status: 'Error', errorCode: 1, errorChain: [] },
    });
    // A round trip on the same connection: once the server has the input's answer, it has handled the duplicate.
    const acting = deviceUser(sim, id)
      .act({ type: 'lock' })
      .then((response) => response.status);
    const input = await device.next('input');
    device.sendJson({ type: 'inputResult', requestId: input.requestId, accepted: true });
    expect(await acting).toBe(200);
    expect(sim.latestAction(id)?.state).toBe('done');
    await device.close();
    sim.fleet.agent(id)?.resume();
    await sim.waitForDevice(id, (d) => d.connected);
  });

  it("refuses a result for another device's command whole, the state it carried too", async () => {
    const [thiefId, ownerId] = [sim.deviceId('thief'), sim.deviceId('owner')];
    for (const id of [thiefId, ownerId]) {
      await sim.fleet.agent(id)?.stop();
      await sim.waitForDevice(id, (d) => !d.connected);
    }
    const [thief, owner] = [await raw(), await raw()];
    thief.sendJson(helloFor('thief'));
    owner.sendJson(helloFor('owner'));
    await Promise.all([thief.next('welcome'), owner.next('welcome')]);
    await adminClient(sim).resetPasscode(ownerId).expect(204);
    const command = await owner.next('command');
    const before = sim.device(thiefId).state;
    thief.sendJson({
      type: 'result',
      result: { commandId: command.commandId, status: 'Acknowledged' },
      state: { ...before, locked: !before.locked, screen: { ...before.screen, title: 'Taken over' } },
    });
    expect((await thief.next('protocolError')).code).toBe('UnknownCommand');
    expect(sim.device(thiefId).state).toEqual(before);
    expect(sim.latestAction(ownerId)?.state).toBe('active');
    owner.sendJson({ type: 'result', result: { commandId: command.commandId, status: 'Acknowledged' } });
    await sim.waitForAction(ownerId, (a) => a.state === 'done');
    await Promise.all([thief.close(), owner.close()]);
    for (const id of [thiefId, ownerId]) {
      sim.fleet.agent(id)?.resume();
      await sim.waitForDevice(id, (d) => d.connected);
    }
  });

  it('counts a final result that was in flight on a session a newer one replaced', async () => {
    const id = sim.deviceId('replaced');
    await sim.fleet.agent(id)?.stop();
    await sim.waitForDevice(id, (d) => !d.connected);
    const old = await raw();
    old.sendJson(helloFor('replaced'));
    await old.next('welcome');
    await adminClient(sim).resetPasscode(id).expect(204);
    const command = await old.next('command');
    // The old session does not read on, so it has not seen the server's close when it answers.
    old.socket.pause();
    const newer = await raw();
    newer.sendJson(helloFor('replaced'));
    await newer.next('welcome');
    old.sendJson({ type: 'result', result: { commandId: command.commandId, status: 'Acknowledged' } });
    await sim.waitForAction(id, (a) => a.state === 'done');
    old.socket.resume();
    await newer.close();
    sim.fleet.agent(id)?.resume();
    await sim.waitForDevice(id, (d) => d.connected);
  });

  it('redelivers a command whose connection dropped before the result', async () => {
    const id = sim.deviceId('manual');
    await sim.fleet.agent(id)?.stop();
    await sim.waitForDevice(id, (d) => !d.connected);
    await adminClient(sim).resetPasscode(id).expect(204);
    const first = await raw();
    first.sendJson(helloFor('manual'));
    const command = await first.next('command');
    first.socket.terminate();
    await sim.waitForAction(id, (a) => a.state === 'pending');
    const second = await raw();
    second.sendJson(helloFor('manual'));
    expect((await second.next('command')).commandId).toBe(command.commandId);
    second.sendJson({ type: 'result', result: { commandId: command.commandId, status: 'Acknowledged' } });
    await sim.waitForAction(id, (a) => a.state === 'done');
  });

  it('sends a command that was on a replaced session to the new session (regression: stuck active)', async () => {
    const id = sim.deviceId('manual');
    await sim.fleet.agent(id)?.stop();
    await sim.waitForDevice(id, (d) => !d.connected);
    const first = await raw();
    first.sendJson(helloFor('manual'));
    await first.next('welcome');
    await adminClient(sim).resetPasscode(id).expect(204);
    const command = await first.next('command');
    await sim.waitForAction(id, (a) => a.state === 'active');
    // A half-open connection: the device reconnects before the server noticed the old one died.
    const second = await raw();
    second.sendJson(helloFor('manual'));
    await second.next('welcome');
    expect((await first.closed).code).toBe(CloseCode.SessionReplaced);
    expect((await second.next('command')).commandId).toBe(command.commandId);
    // A second request joins the action in flight and sends nothing new.
    await adminClient(sim).resetPasscode(id).expect(204);
    second.sendJson({ type: 'result', result: { commandId: command.commandId, status: 'Acknowledged' } });
    await sim.waitForAction(id, (a) => a.state === 'done');
    await second.close();
    sim.fleet.agent(id)?.resume();
    await sim.waitForDevice(id, (d) => d.connected);
  });

  it('replaces an older session of the same device (SessionReplaced) when the credentials are right', async () => {
    const first = await raw();
    first.sendJson(helloFor('bystander'));
    await first.next('welcome');
    const second = await raw();
    second.sendJson(helloFor('bystander'));
    await second.next('welcome');
    expect((await first.closed).code).toBe(CloseCode.SessionReplaced);
  });
});
