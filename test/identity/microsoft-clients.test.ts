// Microsoft's own clients, unchanged, against a real mdmsim over HTTPS with the generated CA: @azure/identity's
// ClientSecretCredential, the Graph JS SDK (PageIterator, .post() with no body) and the Kiota request adapter.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFleet } from '../../agents/fleet/load-fleet.js';
import { connectFleet, createFleet } from '../../agents/runtime/fleet-runner.js';
import { loggerOptions } from '../../lib/logger.js';
import {
  GRAPH_HOST_NAME,
  type IdentityHarness,
  runClientScript,
  startIdentityHarness,
} from './identity-harness.js';

describe('Microsoft clients over HTTPS', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  let harness: IdentityHarness;
  beforeAll(async () => {
    harness = await startIdentityHarness({ serverLogger: pino(loggerOptions('trace', 'test-server'), sink) });
  });
  afterAll(() => harness?.close());

  it('Graph JS SDK + ClientSecretCredential: pages with PageIterator, .post() resetPasscode, reads deviceActionResults', async () => {
    const [target] = harness.deviceIds;
    const report = await runClientScript(harness, 'graph-js-sdk.mjs', harness.operator, {
      DEVICE_ID: target ?? '',
    });
    expect(report.list?.status).toBe('ok');
    expect(report.list?.value?.ids?.sort()).toEqual([...harness.deviceIds].sort());
    expect(report.list?.value?.complete).toBe(true);
    expect(report.list?.value?.firstNextLink).toMatch(
      new RegExp(`^https://localhost:${harness.host.httpsPort}/v1\\.0/deviceManagement/managedDevices\\?`),
    );
    expect(report.reset).toEqual({ status: 'ok', value: 'sent' });
    expect(report.read?.status).toBe('ok');
    expect(report.read?.value?.deviceActionResults?.[0]?.actionName).toBe('resetPasscode');
  });

  it('an app without PrivilegedOperations reads (200) but gets 403 on resetPasscode', async () => {
    const target = harness.deviceIds[1];
    const report = await runClientScript(harness, 'graph-js-sdk.mjs', harness.reader, {
      DEVICE_ID: target ?? '',
    });
    expect(report.list?.status).toBe('ok');
    expect(report.list?.value?.ids).toHaveLength(harness.deviceIds.length);
    expect(report.reset?.status).toBe(403);
    expect(report.reset?.code).toBe('Forbidden');
    expect(report.reset?.message).toContain('DeviceManagementManagedDevices.PrivilegedOperations.All');
    expect(report.read?.status).toBe('ok');
    expect(report.read?.value?.deviceActionResults).toEqual([]);
  });

  it(`Kiota request adapter + AzureIdentityAuthenticationProvider on ${GRAPH_HOST_NAME} (a name from MDMSIM_TLS_HOSTS)`, async () => {
    const target = harness.deviceIds[2];
    const report = await runClientScript(harness, 'kiota-adapter.mjs', harness.operator, {
      DEVICE_ID: target ?? '',
      GRAPH_HOST_NAME,
    });
    expect(report.list?.status).toBe('ok');
    expect(report.list?.value?.ids?.sort()).toEqual([...harness.deviceIds].sort());
    const nextLinks = report.list?.value?.nextLinks ?? [];
    expect(nextLinks.length).toBeGreaterThanOrEqual(2);
    for (const link of nextLinks)
      expect(link.startsWith(`https://${GRAPH_HOST_NAME}:${harness.host.httpsPort}/v1.0/`)).toBe(true);
    expect(report.reset).toEqual({ status: 'ok', value: 'sent' });
    expect(report.read?.value?.deviceActionResults?.[0]?.actionName).toBe('resetPasscode');
  });

  it('devices connect over wss:// trusting the CA file', async () => {
    const fleet = createFleet(
      parseFleet(
        { devices: [{ name: 'wss phone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4' }] },
        'wss',
      ),
      {
        serverUrl: harness.httpsUrl,
        enrollmentToken: harness.host.config.enrollmentToken,
        fleetName: 'wss-fleet',
        logger: pino({ level: 'silent' }),
        ca: harness.tls.ca ?? '',
      },
    );
    try {
      await connectFleet(fleet, {});
      const [agent] = fleet.agents;
      expect(agent?.status).toBe('online');
      expect(harness.host.app.services.registry.get(agent?.deviceId ?? '')).toBeDefined();
    } finally {
      await fleet.stop();
    }
  });

  it('never logs client secrets, access tokens or private keys', () => {
    const log = lines.join('');
    expect(log).toContain('access token issued');
    const keyBody = harness.tls.key.split('\n').slice(1, 3).join('');
    for (const secret of [
      harness.operator.clientSecret,
      harness.reader.clientSecret,
      keyBody,
      'eyJhbGciOiJSUzI1NiIs',
    ]) {
      expect(secret.length).toBeGreaterThan(10);
      expect(log).not.toContain(secret);
    }
  });
});
