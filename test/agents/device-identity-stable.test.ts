// A device's identity never changes between versions: an upgraded agents process must prove the same secret to a
// server that enrolled it before, and the admin's scripts must see the same serial number, IMEI and unlock token.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { inventoryOf, unlockTokenOf } from '../../agents/fleet/device-inventory.js';
import { FleetSpec } from '../../agents/fleet/fleet-spec.js';
import { deviceIdFor, deviceSecretFor } from '../../agents/runtime/device-identity.js';
import { createFleet } from '../../agents/runtime/fleet-runner.js';

describe('device identity', () => {
  it('derives the values earlier versions derived (pinned from the 2026-11-30 release)', () => {
    const id = deviceIdFor('pinned-fleet', 7);
    const [spec] = FleetSpec.parse({
      devices: [{ name: 'Pixel {n}', enrollment: 'androidWorkProfile', osVersion: '14' }],
    }).devices;
    if (!spec) throw new Error('no device entry');
    const inventory = inventoryOf(spec, id, 7, 'pinned-fleet', 'pinned-device-key');
    expect({
      id,
      secret: deviceSecretFor('pinned-device-key', id),
      unlockToken: unlockTokenOf('pinned-device-key', id),
      serialNumber: inventory.serialNumber,
      imei: inventory.imei,
    }).toEqual({
      id: 'a130fd80-71e8-5ace-9455-1985e0fb8eee',
      secret: 'suZRUfPeNa7_fVk0I4n5ShPVUwZSk1E197I_x3NYkoM',
      unlockToken: 'lwZFWAtoUXNAXKiJ6PzQJbvwqHGAjD1t',
      serialNumber: '4BDEC502YR13',
      imei: '358007834595079',
    });
  });

  it('gives an iPhone of a fleet the inventory and unlock token earlier versions gave it', async () => {
    const fleet = createFleet(
      FleetSpec.parse({
        devices: [{ name: 'iPhone {n}', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', count: 2 }],
      }),
      {
        serverUrl: 'http://127.0.0.1:1',
        enrollmentToken: 'unused',
        fleetName: 'pinned-fleet',
        deviceKey: 'pinned-device-key',
        logger: pino({ level: 'silent' }),
      },
    );
    const agent = fleet.agents[1];
    expect(agent?.deviceId).toBe('11c114d3-e45e-538d-ac64-d81a3a307cd3');
    expect(agent?.inventory).toMatchObject({
      serialNumber: 'MGXLMTC8RPSF',
      imei: '358192187240869',
      userPrincipalName: 'user0002@pinnedfleet.example.com',
      unlockToken: 'BrhMsEQQ1ay1XZWgwwWbK9j2Lo67x1Yh',
    });
    // The token the device reports is the one it holds.
    expect(unlockTokenOf('pinned-device-key', agent?.deviceId ?? '')).toBe(
      'BrhMsEQQ1ay1XZWgwwWbK9j2Lo67x1Yh',
    );
    await fleet.stop();
  });
});
