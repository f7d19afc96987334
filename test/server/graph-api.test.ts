// The Graph subset as admin scripts meet it: auth, status codes, OData paging/select/filter, audits, and a real SDK.
import { Client, type Context, HTTPMessageHandler, type Middleware } from '@microsoft/microsoft-graph-client';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { adminClient } from '../support/admin-client.js';
import { useSimulation } from '../support/use-simulation.js';

describe('Graph API', () => {
  const sim = useSimulation({
    fleet: {
      devices: [
        {
          name: 'iPhone {n}',
          enrollment: 'iosDeviceEnrollment',
          osVersion: '17.4',
          passcode: '1234',
          count: 5,
        },
        {
          name: 'iPad',
          enrollment: 'iosDeviceEnrollment',
          osVersion: '17.4',
          model: 'iPad Air',
          passcode: '1234',
        },
        {
          name: 'Work',
          enrollment: 'androidWorkProfile',
          osVersion: '9.0',
          ownerType: 'company',
          passcode: '123456',
          policy: { passcodeRequired: true, minLength: 6 },
          resetTokenActivated: true,
        },
        { name: 'Mac', enrollment: 'macOS', osVersion: '14.4', passcode: 'password' },
      ],
    },
  });

  it('answers 401 with a Graph error body without a valid bearer token', async () => {
    const missing = await request(sim.url).get('/v1.0/deviceManagement/managedDevices').expect(401);
    expect(missing.body.error).toMatchObject({
      code: 'InvalidAuthenticationToken',
      message: 'Access token is empty.',
    });
    expect(missing.body.error.innerError).toEqual(
      expect.objectContaining({ 'request-id': expect.any(String), date: expect.any(String) }),
    );
    const wrong = await request(sim.url)
      .post(`/beta/deviceManagement/managedDevices/${sim.deviceId('Mac')}/resetPasscode`)
      .set('Authorization', 'Bearer not-the-token')
      .expect(401);
    expect(wrong.body.error.code).toBe('InvalidAuthenticationToken');
    expect(sim.latestAction(sim.deviceId('Mac'))).toBeNull();
  });

  it('lists managed devices with Graph field names, and deviceType only on beta', async () => {
    const v1 = await adminClient(sim).get('/deviceManagement/managedDevices').expect(200);
    expect(v1.body.value).toHaveLength(8);
    const work = v1.body.value.find((d: { deviceName: string }) => d.deviceName === 'Work');
    expect(work).toMatchObject({
      id: sim.deviceId('Work'),
      operatingSystem: 'Android',
      osVersion: '9.0',
      managementAgent: 'googleCloudDevicePolicyController',
      // A company-owned work profile is Android Enterprise's corporate work profile, which v1.0's enum lacks.
      deviceEnrollmentType: 'unknownFutureValue',
      complianceState: 'compliant',
      managedDeviceOwnerType: 'company',
      deviceActionResults: [],
    });
    expect(work.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(work).not.toHaveProperty('deviceType');
    const beta = await adminClient(sim, 'beta').get('/deviceManagement/managedDevices').expect(200);
    const types = Object.fromEntries(
      beta.body.value.map((d: { deviceName: string; deviceType: string }) => [d.deviceName, d.deviceType]),
    );
    expect(types).toMatchObject({
      'iPhone 0001': 'iPhone',
      iPad: 'iPad',
      Work: 'androidForWork',
      Mac: 'macMDM',
    });
  });

  it('pages with $top and @odata.nextLink until the link is absent', async () => {
    const seen: string[] = [];
    let next: string | undefined = `${sim.url}/v1.0/deviceManagement/managedDevices?$top=3`;
    let pages = 0;
    while (next && pages < 10) {
      const url: URL = new URL(next);
      const page: request.Response = await adminClient(sim)
        .get(`${url.pathname.replace('/v1.0', '')}${url.search}`)
        .expect(200);
      seen.push(...page.body.value.map((d: { id: string }) => d.id));
      expect(page.body.value.length).toBeLessThanOrEqual(3);
      next = page.body['@odata.nextLink'];
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(8);
  });

  it('supports $select and $filter, and rejects unknown properties with 400', async () => {
    const filtered = await adminClient(sim)
      .get("/deviceManagement/managedDevices?$filter=operatingSystem eq 'iOS'&$select=id,deviceName")
      .expect(200);
    expect(filtered.body.value).toHaveLength(6);
    expect(Object.keys(filtered.body.value[0]).sort()).toEqual(['deviceName', 'id']);
    const bad = await adminClient(sim).get('/deviceManagement/managedDevices?$select=nope').expect(400);
    expect(bad.body.error.code).toBe('BadRequest');
    await adminClient(sim).get('/deviceManagement/managedDevices?$top=0').expect(400);
  });

  it('answers 404 ResourceNotFound (Intune’s) for an unknown device, on read and on resetPasscode', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const read = await adminClient(sim).get(`/deviceManagement/managedDevices/${unknown}`).expect(404);
    expect(read.body.error.code).toBe('ResourceNotFound');
    const reset = await adminClient(sim).resetPasscode(unknown).expect(404);
    expect(reset.body.error.code).toBe('ResourceNotFound');
  });

  it('lists remote action audits on beta only, with Graph fields, and reads one by id', async () => {
    const id = sim.deviceId('iPad');
    await adminClient(sim, 'beta').resetPasscode(id).expect(204);
    await sim.waitForAction(id, (a) => a.state === 'done');
    const list = await adminClient(sim, 'beta').get('/deviceManagement/remoteActionAudits').expect(200);
    const audit = list.body.value.find((a: { managedDeviceId: string }) => a.managedDeviceId === id);
    expect(audit).toMatchObject({
      deviceDisplayName: 'iPad',
      action: 'resetPasscode',
      actionState: 'done',
      initiatedByUserPrincipalName: 'admin@contoso.onmicrosoft.com',
      deviceActionCategory: 'single',
    });
    const one = await adminClient(sim, 'beta')
      .get(`/deviceManagement/remoteActionAudits/${audit.id}`)
      .expect(200);
    expect(one.body.id).toBe(audit.id);
    await adminClient(sim, 'beta').get('/deviceManagement/remoteActionAudits/nope').expect(404);
    const v1 = await adminClient(sim, 'v1.0').get('/deviceManagement/remoteActionAudits').expect(400);
    expect(v1.body.error.message).toBe("Resource not found for the segment 'remoteActionAudits'.");
  });

  it('works with the Microsoft Graph JavaScript SDK', async () => {
    // The SDK's own auth handler sends tokens only to https Graph hosts, so over http a custom chain adds the header.
    const bearer: Middleware & { next?: Middleware } = {
      async execute(context: Context) {
        context.options = { ...context.options, headers: { Authorization: `Bearer ${sim.adminToken}` } };
        await this.next?.execute(context);
      },
      setNext(next: Middleware) {
        this.next = next;
      },
    };
    bearer.setNext?.(new HTTPMessageHandler());
    const client = Client.initWithMiddleware({
      baseUrl: sim.url,
      defaultVersion: 'v1.0',
      middleware: bearer,
    });
    const api = (path: string) => client.api(path);
    const devices = await api('/deviceManagement/managedDevices').filter("deviceName eq 'Work'").get();
    expect(devices.value).toHaveLength(1);
    const id = devices.value[0].id;
    await api(`/deviceManagement/managedDevices/${id}/resetPasscode`).post({});
    await sim.waitForAction(id, (a) => a.state === 'done');
    const device = await api(`/deviceManagement/managedDevices/${id}`).select('deviceActionResults').get();
    expect(device.deviceActionResults[0].passcode).toMatch(/^\d{6,}$/);
  });
});
