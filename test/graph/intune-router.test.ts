// Intune's router: a method it has no route for is its plain 400 "No method match route template", naming the OData
// template and its internal path, on /deviceManagement and /users paths alike, over HTTP and inside $batch.
import { beforeAll, describe, expect, it } from 'vitest';
import { ONE_IPHONE } from '../support/one-iphone.js';
import { useSimulation } from '../support/use-simulation.js';

const sim = useSimulation(ONE_IPHONE);
let id = '';
let userId = '';

beforeAll(async () => {
  id = sim.deviceId('iPhone');
  const device = await call('GET', `/v1.0/deviceManagement/managedDevices/${id}?$select=userId`);
  userId = device.json().userId;
});

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (method: Method, url: string) =>
  sim.app.inject({ method, url, headers: { authorization: `Bearer ${sim.adminToken}` } });

const SERVICE = '/DeviceFE/StatelessDeviceFEService';
const routerMessage = (template: string, method: string, path: string) =>
  `No OData route exists that match template ${template} with http verb ${method} for request ${SERVICE}/${path}.`;

async function expectNoRoute(method: Method, url: string, template: string, path: string) {
  const response = await call(method, url);
  expect(response.statusCode, `${method} ${url}`).toBe(400);
  expect(response.headers.allow).toBeUndefined();
  expect(response.json().error).toMatchObject({
    code: 'No method match route template',
    message: routerMessage(template, method, path),
  });
}

describe('a device under /deviceManagement', () => {
  it('answers POST and PUT on a device with ~/singleton/navigation/key', async () => {
    for (const method of ['POST', 'PUT'] as const) {
      await expectNoRoute(
        method,
        `/v1.0/deviceManagement/managedDevices/${id}`,
        '~/singleton/navigation/key',
        `deviceManagement/managedDevices('${id}')`,
      );
    }
  });

  it('answers a method other than POST on an action with ~/singleton/navigation/key/action (msgraph-beta-sdk-dotnet#140)', async () => {
    for (const method of ['GET', 'PATCH', 'PUT', 'DELETE'] as const) {
      await expectNoRoute(
        method,
        `/beta/deviceManagement/managedDevices/${id}/resetPasscode`,
        '~/singleton/navigation/key/action',
        `deviceManagement/managedDevices('${id}')/microsoft.management.services.api.resetPasscode`,
      );
    }
    await expectNoRoute(
      'GET',
      `/v1.0/deviceManagement/managedDevices/${id}/microsoft.graph.syncDevice`,
      '~/singleton/navigation/key/action',
      `deviceManagement/managedDevices('${id}')/microsoft.management.services.api.syncDevice`,
    );
  });

  it('answers a method other than GET on $count with ~/singleton/navigation/$count', async () => {
    await expectNoRoute(
      'POST',
      '/v1.0/deviceManagement/managedDevices/$count',
      '~/singleton/navigation/$count',
      'deviceManagement/managedDevices/$count',
    );
  });
});

describe('a device under /users/{id}', () => {
  it('answers GET of the device as Intune does (microsoft-graph-docs-contrib#2323)', async () => {
    await expectNoRoute(
      'GET',
      `/v1.0/users/${userId}/managedDevices/${id}`,
      '~/entityset/key/navigation/key',
      `users('${userId}')/managedDevices('${id}')`,
    );
  });

  it('answers every other method on the device the same (DELETE: msgraph-sdk-powershell#1831)', async () => {
    for (const method of ['DELETE', 'PATCH', 'PUT', 'POST'] as const) {
      await expectNoRoute(
        method,
        `/v1.0/users/${userId}/managedDevices/${id}`,
        '~/entityset/key/navigation/key',
        `users('${userId}')/managedDevices('${id}')`,
      );
    }
  });

  it('answers GET on an action with ~/entityset/key/navigation/key/action (microsoft-graph-docs-contrib#5880)', async () => {
    await expectNoRoute(
      'GET',
      `/v1.0/users/${userId}/managedDevices/${id}/shutDown`,
      '~/entityset/key/navigation/key/action',
      `users('${userId}')/managedDevices('${id}')/microsoft.management.services.api.shutDown`,
    );
  });

  it('still runs resetPasscode there', async () => {
    expect((await call('POST', `/v1.0/users/${userId}/managedDevices/${id}/resetPasscode`)).statusCode).toBe(
      204,
    );
    await sim.waitForAction(id, (action) => action.state === 'done');
  });
});

describe('inside $batch', () => {
  it('answers each sub-request as over HTTP', async () => {
    const response = await sim.app.inject({
      method: 'POST',
      url: '/v1.0/$batch',
      headers: { authorization: `Bearer ${sim.adminToken}` },
      payload: {
        requests: [
          { id: '1', method: 'GET', url: `/deviceManagement/managedDevices/${id}/resetPasscode` },
          { id: '2', method: 'GET', url: `/users/${userId}/managedDevices/${id}` },
          {
            id: '3',
            method: 'PUT',
            url: `/deviceManagement/managedDevices/${id}`,
            headers: { 'Content-Type': 'application/json' },
            body: {},
          },
        ],
      },
    });
    const answers = response.json().responses as Array<{
      id: string;
      status: number;
      body: { error: { code: string; message: string } };
    }>;
    const byId = Object.fromEntries(answers.map((answer) => [answer.id, answer]));
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('No method match route template');
    }
    expect(byId['1']?.body.error.message).toBe(
      routerMessage(
        '~/singleton/navigation/key/action',
        'GET',
        `deviceManagement/managedDevices('${id}')/microsoft.management.services.api.resetPasscode`,
      ),
    );
    expect(byId['2']?.body.error.message).toBe(
      routerMessage('~/entityset/key/navigation/key', 'GET', `users('${userId}')/managedDevices('${id}')`),
    );
    expect(byId['3']?.body.error.message).toBe(
      routerMessage('~/singleton/navigation/key', 'PUT', `deviceManagement/managedDevices('${id}')`),
    );
  });
});
