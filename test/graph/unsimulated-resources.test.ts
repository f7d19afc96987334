// What Graph has around the simulated sets (its other roots, deviceManagement's and user's other navigation properties)
// answers 501 NotImplemented, not "Resource not found": a tool's URL is right, mdmsim just does not simulate it.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../../server/graph/permissions.js';
import { batchedResetPasscode } from '../../shared/graph/batch-request.js';
import { GraphErrorBody } from '../../shared/graph/graph-error.js';
import { ONE_IPHONE } from '../support/one-iphone.js';
import { useSimulation } from '../support/use-simulation.js';

const sim = useSimulation(ONE_IPHONE);
let id = '';
let upn = '';
/** An app-only token (client credentials), signed by the server's own key as its token endpoint signs them. */
let appToken = '';
/** An app-only token of an app that holds none of the Intune permissions (a directory tool, say). */
let noIntuneToken = '';

beforeAll(async () => {
  id = sim.deviceId('iPhone');
  upn = (sim.app.services.registry.get(id)?.inventory.userPrincipalName ?? '') as string;
  const issued = await sim.app.identity.tokens.issueGraphToken({
    clientId: randomUUID(),
    clientSecret: 'a-secret-nobody-uses-here',
    displayName: 'helpdesk tool',
    permissions: [Permission.ManagedDevicesRead, Permission.ManagedDevicesPrivileged],
  });
  appToken = issued.accessToken;
  noIntuneToken = (
    await sim.app.identity.tokens.issueGraphToken({
      clientId: randomUUID(),
      clientSecret: 'a-secret-nobody-uses-here',
      displayName: 'directory tool',
      permissions: [],
    })
  ).accessToken;
});

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, token = sim.adminToken) =>
  sim.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${token}`,
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
    },
    ...(method === 'POST' ? { payload: '{}' } : {}),
  });

function expectNotSimulated(response: Awaited<ReturnType<typeof call>>, named: string) {
  expect(response.statusCode, response.payload).toBe(501);
  const body = GraphErrorBody.parse(response.json());
  expect(body.error.code).toBe('NotImplemented');
  expect(body.error.message).toContain(`${named} is not simulated`);
}

describe.each(['v1.0', 'beta'] as const)('on %s', (version) => {
  it("answers Graph's other roots with 501, in any case and below them", async () => {
    expectNotSimulated(await call('GET', `/${version}/devices`), 'GET /devices');
    expectNotSimulated(await call('GET', `/${version}/GROUPS/abc/members`), 'GET /GROUPS');
    expectNotSimulated(
      await call('DELETE', `/${version}/deviceAppManagement/mobileApps/x`),
      'DELETE /deviceAppManagement',
    );
    expectNotSimulated(await call('GET', `/${version}/users`), 'GET the users collection');
    expectNotSimulated(await call('GET', `/${version}/users/${upn}`), 'GET a user');
    expectNotSimulated(await call('GET', `/${version}/users/${upn}/memberOf`), 'GET the memberOf of a user');
    expectNotSimulated(await call('GET', `/${version}/deviceManagement`), 'GET deviceManagement itself');
  });

  it("answers deviceManagement's other navigation properties with 501, and a reset through one records nothing", async () => {
    const detected = `/${version}/deviceManagement/detectedApps/abc/managedDevices/${id}/resetPasscode`;
    expectNotSimulated(await call('POST', detected), 'POST deviceManagement/detectedApps');
    expectNotSimulated(
      await call('GET', `/${version}/deviceManagement/deviceCompliancePolicies`),
      'GET deviceManagement/deviceCompliancePolicies',
    );
    expect(sim.latestAction(id)).toBeNull();
  });

  it('keeps "Resource not found" for what Graph does not have', async () => {
    for (const [path, segment] of [
      [`/${version}/gadgets`, 'gadgets'],
      [`/${version}/deviceManagement/managedGadgets`, 'managedGadgets'],
      [`/${version}/users/${upn}/gadgets`, 'gadgets'],
    ] as const) {
      const response = await call('GET', path);
      expect(response.statusCode, path).toBe(400);
      expect(response.json().error.message).toBe(`Resource not found for the segment '${segment}'.`);
    }
  });

  it("answers /me with Graph's 400 for an app-only token, and 501 for the admin token (the admin's own sign-in)", async () => {
    const appOnly = await call('GET', `/${version}/me/managedDevices`, appToken);
    expect(appOnly.statusCode).toBe(400);
    expect(GraphErrorBody.parse(appOnly.json()).error).toMatchObject({
      code: 'BadRequest',
      message: '/me request is only valid with delegated authentication flow.',
    });
    expectNotSimulated(await call('GET', `/${version}/me`), 'GET /me');
  });

  it('answers the same inside $batch', async () => {
    const response = await sim.app.inject({
      method: 'POST',
      url: `/${version}/$batch`,
      headers: { authorization: `Bearer ${sim.adminToken}`, 'content-type': 'application/json' },
      payload: {
        requests: [
          { id: '1', method: 'GET', url: '/devices' },
          {
            ...batchedResetPasscode('2', id),
            url: `/deviceManagement/detectedApps/abc/managedDevices/${id}/resetPasscode`,
          },
        ],
      },
    });
    expect(response.statusCode).toBe(200);
    const responses = (response.json() as { responses: Array<{ id: string; status: number; body: unknown }> })
      .responses;
    expect(responses.map((item) => [item.id, item.status]).sort()).toEqual([
      ['1', 501],
      ['2', 501],
    ]);
    expect(sim.latestAction(id)).toBeNull();
  });
});

describe('only where the version has it', () => {
  it("answers a deviceManagement navigation property only beta has with 501 on beta and Graph's 400 on v1.0", async () => {
    // remoteActionAudits is beta's and simulated; androidForWorkSettings is one of beta's many others.
    expectNotSimulated(
      await call('GET', '/beta/deviceManagement/androidForWorkSettings'),
      'GET deviceManagement/androidForWorkSettings',
    );
    const v1 = await call('GET', '/v1.0/deviceManagement/androidForWorkSettings');
    expect(v1.statusCode).toBe(400);
    expect(v1.json().error.message).toBe("Resource not found for the segment 'androidForWorkSettings'.");
  });
});

describe("permissions on what is not Intune's", () => {
  it("asks no Intune permission before the 501 or /me's 400 of another workload's resource, but keeps Intune's 403 for deviceManagement's", async () => {
    const me = await call('GET', '/v1.0/me', noIntuneToken);
    expect(me.statusCode).toBe(400);
    expect(me.json().error.message).toBe('/me request is only valid with delegated authentication flow.');
    expectNotSimulated(await call('GET', '/v1.0/users', noIntuneToken), 'GET the users collection');
    expectNotSimulated(await call('GET', '/v1.0/groups', noIntuneToken), 'GET /groups');
    // Intune's own resources outside deviceManagement keep Intune's 403: deviceAppManagement, a user's Intune ones.
    for (const path of [
      '/v1.0/deviceManagement/detectedApps',
      '/v1.0/deviceAppManagement/mobileApps',
      '/v1.0/users/someone@contoso.com/managedAppRegistrations',
    ]) {
      const refused = await call('GET', path, noIntuneToken);
      expect(refused.statusCode, path).toBe(403);
      expect(refused.json().error.code).toBe('Forbidden');
    }
  });
});

describe('comanagedDevices by key, which Intune is captured refusing', () => {
  it("answers Intune's router 400 on beta (msgraph-sdk-powershell#2497), and 501 for the collection", async () => {
    const response = await call('GET', `/beta/deviceManagement/comanagedDevices/${id}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'No method match route template',
      message: expect.stringContaining(
        'No OData route exists that match template ~/singleton/navigation/key with http verb GET for request /DeviceFE/StatelessDeviceFEService/deviceManagement/comanagedDevices',
      ),
    });
    expectNotSimulated(
      await call('GET', '/beta/deviceManagement/comanagedDevices'),
      'GET deviceManagement/comanagedDevices',
    );
    // Not a key: `$count` and a bound action are not what the capture shows, so they stay 501.
    for (const path of ['comanagedDevices/$count', 'comanagedDevices/microsoft.graph.executeAction']) {
      expect((await call('GET', `/beta/deviceManagement/${path}`)).statusCode, path).toBe(501);
    }
  });
});
