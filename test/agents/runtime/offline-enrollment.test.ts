// Enrolled-but-offline devices: real hellos to a real server, then no socket; Graph lists them beside the live ones.
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFleet } from '../../../agents/fleet/load-fleet.js';
import { connectFleet, createFleet, type RunningFleet } from '../../../agents/runtime/fleet-runner.js';
import { type App, buildApp } from '../../../server/app.js';
import { privateAppConfig } from '../../../server/host.js';

const adminToken = randomBytes(24).toString('base64url');
const enrollmentToken = randomBytes(24).toString('base64url');
const auth = { authorization: `Bearer ${adminToken}` };

let app: App;
let fleet: RunningFleet;
let enrollment: Awaited<ReturnType<typeof connectFleet>>;

beforeAll(async () => {
  app = await buildApp(privateAppConfig({ adminToken, enrollmentToken, clockSpeed: 1 }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const spec = parseFleet(
    {
      devices: [
        { name: 'Live iPhone {n}', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', count: 2 },
        {
          name: 'Drawer Pixel {n}',
          enrollment: 'androidWorkProfile',
          osVersion: '9.0',
          passcode: '975310',
          count: 30,
          online: false,
        },
        {
          name: 'Shelf iPad {n}',
          enrollment: 'iosDeviceEnrollment',
          osVersion: '17.4',
          count: 5,
          online: false,
        },
      ],
    },
    'the offline test fleet',
  );
  fleet = createFleet(spec, {
    serverUrl: url,
    enrollmentToken,
    fleetName: 'tenant',
    logger: pino({ level: 'silent' }),
  });
  enrollment = await connectFleet(fleet, { connectConcurrency: 8 });
});

afterAll(async () => {
  await fleet?.stop();
  await app?.close();
});

describe('enrolled-but-offline devices', () => {
  it('runs only the live entries and enrolls every offline device once', () => {
    expect(fleet.agents).toHaveLength(2);
    expect(fleet.agents.every((agent) => agent.status === 'online')).toBe(true);
    expect(enrollment.offline).toEqual({ enrolled: 35, failed: 0 });
  });

  it('leaves each offline device enrolled on the server with no connection', async () => {
    const health = (await (await app.inject({ method: 'GET', url: '/health' })).json()) as {
      devices: number;
      connected: number;
    };
    expect(health).toMatchObject({ devices: 37, connected: 2 });
  });

  it('shows every device in Graph, offline ones by their own names and kinds, page by page', async () => {
    const names: string[] = [];
    let url: string | undefined = '/v1.0/deviceManagement/managedDevices?$top=10';
    let pages = 0;
    while (url) {
      const response = await app.inject({ method: 'GET', url, headers: auth });
      expect(response.statusCode).toBe(200);
      const body = response.json() as { value: Array<{ deviceName: string }>; '@odata.nextLink'?: string };
      names.push(...body.value.map((device) => device.deviceName));
      const next = body['@odata.nextLink'];
      url = next ? new URL(next).pathname + new URL(next).search : undefined;
      pages++;
    }
    expect(pages).toBe(4);
    expect(names).toHaveLength(37);
    expect(names.filter((name) => name.startsWith('Drawer Pixel'))).toHaveLength(30);
    expect(names).toContain('Shelf iPad 0037');
  });

  it('refuses a live entry too large for one process, and accepts the same count offline', () => {
    const entry = { enrollment: 'macOS', osVersion: '14.4', count: 100_000 };
    expect(() => parseFleet({ devices: [entry] }, 'big')).toThrow(/online: false/);
    expect(parseFleet({ devices: [{ ...entry, online: false }] }, 'big').devices[0]?.count).toBe(100_000);
  });
});
