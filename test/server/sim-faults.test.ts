// POST /sim/devices/:id/faults refuses a fault the device's platform cannot show: NotNow is Apple's MDM status only.
import { describe, expect, it } from 'vitest';
import { simRequest } from '../support/admin-client.js';
import { useSimulation } from '../support/use-simulation.js';

describe('device faults by platform', () => {
  const sim = useSimulation({
    fleet: {
      devices: [
        { name: 'iPad', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '2468' },
        { name: 'Galaxy', enrollment: 'androidDeviceAdministrator', osVersion: '6.0.1', passcode: '1111' },
      ],
    },
  });

  it('takes NotNow for an Apple device and refuses it, saying why, for an Android one', async () => {
    await simRequest(sim)
      .post(`/sim/devices/${sim.deviceId('iPad')}/faults`)
      .send({ kind: 'notNow', times: 1 })
      .expect(202);
    const refused = await simRequest(sim)
      .post(`/sim/devices/${sim.deviceId('Galaxy')}/faults`)
      .send({ kind: 'notNow', times: 1 })
      .expect(400);
    expect(refused.body).toMatchObject({
      error: {
        code: 'BadRequest',
        message: 'NotNow is an Apple MDM status: Android devices do not answer it.',
      },
    });
    // Other faults still reach an Android device.
    await simRequest(sim)
      .post(`/sim/devices/${sim.deviceId('Galaxy')}/faults`)
      .send({ kind: 'latency', ms: 0 })
      .expect(202);
  });
});
