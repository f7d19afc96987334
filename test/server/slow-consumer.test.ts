// Regression: a device that stops reading its socket is dropped with 4007 and a reason once the server has queued more
// than its per-socket bound for it, and the command that was on that socket goes to the device's next session.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { startSimulation } from '../../runner/simulation.js';
import { MAX_BUFFERED_BYTES } from '../../server/gateway/device-sessions.js';
import { CloseCode, PROTOCOL_VERSION } from '../../shared/protocol.js';
import { connectRawDevice } from '../support/raw-device.js';

const fleet = {
  devices: [{ name: 'phone', enrollment: 'androidDeviceAdministrator', osVersion: '6.0', passcode: '1234' }],
};

it('drops a device that stops reading with 4007 and a reason, and sends its command to the next session', async () => {
  const sim = await startSimulation({ fleet });
  try {
    const agent = sim.fleet.agents[0];
    if (!agent) throw new Error('no agent');
    const deviceId = randomUUID();
    const hello = {
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      deviceId,
      deviceSecret: 's'.repeat(43),
      enrollmentToken: sim.enrollmentToken,
      fleet: 'slow-consumer',
      inventory: agent.inventory,
      state: agent.device.state(),
    };
    const device = await connectRawDevice(sim.url);
    device.sendJson(hello);
    await device.next('welcome');

    const reset = await fetch(`${sim.url}/v1.0/deviceManagement/managedDevices/${deviceId}/resetPasscode`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.adminToken}` },
    });
    expect(reset.status).toBe(204);
    const { commandId } = await device.next('command');

    // The device stops reading its TCP stream; the server keeps writing user inputs (256 KB each) to it.
    device.socket.pause();
    const input = {
      type: 'tapNotification',
      notificationId: 'n'.repeat(256 * 1024),
    };
    const inputs = Array.from({ length: Math.ceil((12 * MAX_BUFFERED_BYTES) / (256 * 1024)) }, () =>
      fetch(`${sim.url}/sim/devices/${deviceId}/input`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sim.simToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      }),
    );
    // The first answer is an input the server refused to queue: the bound was passed and the device is being dropped.
    const first = await Promise.race(inputs);
    expect(first.status).toBe(409);
    expect(((await first.json()) as { error: { code: string } }).error.code).toBe('DeviceOffline');

    // Reading again, the device finds the close frame behind everything queued before it.
    device.socket.resume();
    expect(await device.closed).toEqual({
      code: CloseCode.SlowConsumer,
      reason: 'The device does not read its frames; dropped.',
    });
    const answers = await Promise.all(inputs);
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 409));
    await sim.waitForDevice(deviceId, (view) => !view.connected);
    expect(sim.latestAction(deviceId)?.state).not.toMatch(/done|failed/);

    // The command that was on the dropped socket goes to the device's next session.
    const again = await connectRawDevice(sim.url);
    again.sendJson(hello);
    await again.next('welcome');
    expect((await again.next('command')).commandId).toBe(commandId);
    await again.close();
  } finally {
    await sim.close();
  }
}, 30_000);
