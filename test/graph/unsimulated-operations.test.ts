// What Graph declares on managedDevice and mdmsim does not simulate (its other actions, its functions and navigation
// properties, DELETE and PATCH of a device, $metadata) answers 501 NotImplemented, not "Resource not found".
import { GraphError } from '@microsoft/microsoft-graph-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { MANAGED_DEVICE_MEMBERS } from '../../server/graph/odata/managed-device-members.js';
import { GraphErrorBody } from '../../shared/graph/graph-error.js';
import { graphSdkClient } from '../support/graph-sdk-client.js';
import { ONE_IPHONE } from '../support/one-iphone.js';
import { useSimulation } from '../support/use-simulation.js';

const sim = useSimulation(ONE_IPHONE);
let id = '';
let upn = '';

beforeAll(() => {
  id = sim.deviceId('iPhone');
  upn = (sim.app.services.registry.get(id)?.inventory.userPrincipalName ?? '') as string;
});

const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  token: string | null = sim.adminToken,
) => sim.app.inject({ method, url, headers: token === null ? {} : { authorization: `Bearer ${token}` } });

/** Graph's plain body (not Intune's document), code NotImplemented, a message naming what was asked. */
function expectNotSimulated(response: Awaited<ReturnType<typeof call>>, named: string) {
  expect(response.statusCode, response.payload).toBe(501);
  const body = GraphErrorBody.parse(response.json());
  expect(body.error.code).toBe('NotImplemented');
  expect(body.error.message.startsWith('{')).toBe(false);
  expect(body.error.message).toContain(named);
  expect(body.error.message).toContain('not simulated');
}

describe.each(['v1.0', 'beta'] as const)('on %s', (version) => {
  const members = () => MANAGED_DEVICE_MEMBERS[version];
  const device = () => `/${version}/deviceManagement/managedDevices/${id}`;

  it('answers POST on every action of the metadata but resetPasscode with 501, and records nothing', async () => {
    for (const action of members().actions.filter((name) => name !== 'resetPasscode')) {
      expectNotSimulated(await call('POST', `${device()}/${action}`), action);
    }
    expect(sim.latestAction(id)).toBeNull();
  });

  it('reads an action with or without Graph’s namespace, in any case, and under /users', async () => {
    for (const path of [
      `${device()}/microsoft.graph.syncDevice`,
      `${device()}/SYNCDEVICE`,
      `/${version}/users/${upn}/managedDevices/${id}/syncDevice`,
      `/${version}/deviceManagement/managedDevices('${id}')/wipe`,
    ]) {
      expectNotSimulated(await call('POST', path), path.endsWith('wipe') ? 'wipe' : 'syncDevice');
    }
  });

  it('answers every navigation property with 501, for any method and below it', async () => {
    for (const navigation of members().navigations) {
      expectNotSimulated(await call('GET', `${device()}/${navigation}`), navigation);
    }
    expectNotSimulated(await call('POST', `${device()}/logCollectionRequests`), 'logCollectionRequests');
    // Seven segments: deeper than the parameter routes, still Graph's.
    expectNotSimulated(
      await call(
        'POST',
        `/${version}/users/${upn}/managedDevices/${id}/logCollectionRequests/x/createDownloadUrl`,
      ),
      'logCollectionRequests',
    );
  });

  it('answers DELETE and PATCH of a device with 501 and leaves it as it was', async () => {
    expectNotSimulated(await call('DELETE', device()), 'DELETE of a managedDevice');
    expectNotSimulated(await call('PATCH', device()), 'PATCH of a managedDevice');
    expect((await call('GET', device())).statusCode).toBe(200);
  });

  it('answers $metadata with 501', async () => {
    expectNotSimulated(await call('GET', `/${version}/$metadata`), '$metadata');
  });

  it('authenticates first: without a token each of them but $metadata is 401', async () => {
    for (const [method, path] of [
      ['POST', `${device()}/syncDevice`],
      ['DELETE', device()],
      ['GET', `${device()}/users`],
    ] as const) {
      const response = await call(method, path, null);
      expect(response.statusCode, path).toBe(401);
      expect(response.json().error.code).toBe('InvalidAuthenticationToken');
    }
  });

  it('answers $metadata over HTTP with the same 501 with a token, without one or with a bad one, in any case', async () => {
    // Graph's metadata document is public: Microsoft's msgraph-metadata pipeline downloads it with no token.
    const tokens: Array<Record<string, string>> = [
      { authorization: `Bearer ${sim.adminToken}` },
      {},
      { authorization: 'Bearer not-a-token' },
    ];
    for (const path of ['$metadata', '$METADATA', '$Metadata', '$metadata?$format=json']) {
      for (const headers of tokens) {
        const response = await fetch(`${sim.url}/${version}/${path}`, { headers });
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(501);
        expect(response.headers.get('www-authenticate')).toBeNull();
        const error = GraphErrorBody.parse(await response.json()).error;
        expect(error.code).toBe('NotImplemented');
        expect(error.message).toBe(
          "GET $metadata (the service's metadata document) is not simulated: mdmsim simulates only the resetPasscode action (Remove passcode) and reads of managedDevices and remoteActionAudits.",
        );
      }
    }
  });

  it('keeps "Resource not found" for what the metadata does not declare (removePasscode is the portal’s name)', async () => {
    for (const segment of ['removePasscode', 'microsoft.graph.users', 'syncDevices']) {
      const response = await call('POST', `${device()}/${segment}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toBe(`Resource not found for the segment '${segment}'.`);
    }
  });
});

describe('version differences', () => {
  it('has beta-only actions and functions only on beta', async () => {
    const v1 = await call('POST', `/v1.0/deviceManagement/managedDevices/${id}/rotateBitLockerKeys`);
    expect(v1.statusCode).toBe(400);
    expect(v1.json().error.message).toBe("Resource not found for the segment 'rotateBitLockerKeys'.");
    expectNotSimulated(
      await call('POST', `/beta/deviceManagement/managedDevices/${id}/rotateBitLockerKeys`),
      'rotateBitLockerKeys',
    );
  });

  it('answers a beta-only function or action called on v1.0, parentheses or not, as a segment v1.0 lacks', async () => {
    // Microsoft.OData.Core names the segment without its parentheses (CreateResourceNotFoundError(identifier)), as
    // Graph's captured "Resource not found for the segment 'getActivitiesByInterval'." does for a function call.
    const v1Names = new Set(MANAGED_DEVICE_MEMBERS['v1.0'].actions.map((name) => name.toLowerCase()));
    const betaOnly = [
      ...MANAGED_DEVICE_MEMBERS.beta.functions.map((name) => ['GET', name] as const),
      ...MANAGED_DEVICE_MEMBERS.beta.actions
        .filter((name) => !v1Names.has(name.toLowerCase()))
        .map((name) => ['POST', name] as const),
    ];
    expect(betaOnly.length).toBeGreaterThan(20);
    for (const [method, name] of betaOnly) {
      for (const segment of [`${name}()`, name, `microsoft.graph.${name}()`]) {
        const response = await fetch(`${sim.url}/v1.0/deviceManagement/managedDevices/${id}/${segment}`, {
          method,
          headers: { authorization: `Bearer ${sim.adminToken}` },
        });
        expect(response.status, segment).toBe(400);
        expect(GraphErrorBody.parse(await response.json()).error).toMatchObject({
          code: 'BadRequest',
          message: `Resource not found for the segment '${segment.replace('()', '')}'.`,
        });
      }
    }
    // A collection only beta has, the same way: v1.0 has no remoteActionAudits.
    for (const segment of ['remoteActionAudits', 'remoteActionAudits()']) {
      const response = await fetch(`${sim.url}/v1.0/deviceManagement/${segment}`, {
        headers: { authorization: `Bearer ${sim.adminToken}` },
      });
      expect(response.status, segment).toBe(400);
      expect(GraphErrorBody.parse(await response.json()).error.message).toBe(
        "Resource not found for the segment 'remoteActionAudits'.",
      );
    }
  });

  it('answers a beta function called with GET (parentheses or not) with 501, another method with Intune’s router 400', async () => {
    for (const name of MANAGED_DEVICE_MEMBERS.beta.functions) {
      expectNotSimulated(await call('GET', `/beta/deviceManagement/managedDevices/${id}/${name}()`), name);
    }
    expectNotSimulated(
      await call('GET', `/beta/deviceManagement/managedDevices/${id}/microsoft.graph.getFileVaultKey`),
      'getFileVaultKey',
    );
    const posted = await call('POST', `/beta/deviceManagement/managedDevices/${id}/getFileVaultKey()`);
    expect(posted.statusCode).toBe(400);
    expect(posted.json().error).toMatchObject({
      code: 'No method match route template',
      message: `No OData route exists that match template ~/singleton/navigation/key/function with http verb POST for request /DeviceFE/StatelessDeviceFEService/deviceManagement/managedDevices('${id}')/microsoft.management.services.api.getFileVaultKey().`,
    });
  });
});

describe('in $batch and through Microsoft’s SDK', () => {
  it('answers the same inside $batch', async () => {
    const response = await sim.app.inject({
      method: 'POST',
      url: '/v1.0/$batch',
      headers: { authorization: `Bearer ${sim.adminToken}` },
      payload: {
        requests: [
          {
            id: '1',
            method: 'POST',
            url: `/deviceManagement/managedDevices/${id}/syncDevice`,
            headers: { 'Content-Type': 'application/json' },
            body: {},
          },
          { id: '2', method: 'DELETE', url: `/deviceManagement/managedDevices/${id}` },
          { id: '3', method: 'GET', url: '/$metadata' },
          { id: '4', method: 'GET', url: '/$METADATA' },
        ],
      },
    });
    const answers = response.json().responses as Array<{ id: string; status: number; body: unknown }>;
    expect(answers).toHaveLength(4);
    for (const answer of answers) {
      expect(answer.status).toBe(501);
      expect(GraphErrorBody.parse(answer.body).error.code).toBe('NotImplemented');
    }
  });

  it('reaches the Graph JS SDK as a GraphError it does not retry', async () => {
    const client = graphSdkClient(sim.url, sim.adminToken);
    const error = await client
      .api(`/deviceManagement/managedDevices/${id}/syncDevice`)
      .post(undefined)
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ statusCode: 501, code: 'NotImplemented' });
  });
});
