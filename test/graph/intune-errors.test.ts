// Which errors the Intune service raises (its document embedded in error.message) and which Graph's gateway raises
// (a plain message), over real HTTP and through the Graph JS SDK, which still parses the outer body.
import { GraphError } from '@microsoft/microsoft-graph-client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { GraphErrorBody, IntuneErrorDocument } from '../../shared/graph/graph-error.js';
import { simRequest } from '../support/admin-client.js';
import { graphSdkClient } from '../support/graph-sdk-client.js';

let sim: Simulation;
let macId = '';
let iosId = '';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const CLIENT_REQUEST_ID = '3e43f1c7-dece-dc29-0770-9d1ceae7e86e';

beforeAll(async () => {
  sim = await startSimulation({
    fleet: {
      devices: [
        { name: 'iPhone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1234' },
        { name: 'Mac', enrollment: 'macOS', osVersion: '14.4', passcode: 'password' },
      ],
    },
  });
  iosId = sim.deviceId('iPhone');
  macId = sim.deviceId('Mac');
});
afterAll(() => sim.close());

const send = (method: 'get' | 'post', path: string, token = sim.adminToken) =>
  request(sim.url)
    [method](path)
    .set('Authorization', `Bearer ${token}`)
    .set('client-request-id', CLIENT_REQUEST_ID);

/** The outer body is Graph's; the message is Intune's document, serialized as Intune does (CRLF, two spaces). */
function intuneDocumentOf(body: unknown): IntuneErrorDocument {
  const outer = GraphErrorBody.parse(body);
  expect(outer.error.message.startsWith('{\r\n  "_version": 3,\r\n  "Message": "')).toBe(true);
  const document = IntuneErrorDocument.parse(JSON.parse(outer.error.message));
  expect(Object.keys(document)).toEqual([
    '_version',
    'Message',
    'CustomApiErrorPhrase',
    'RetryAfter',
    'ErrorSourceService',
    'HttpHeaders',
  ]);
  expect(document).toMatchObject({
    CustomApiErrorPhrase: '',
    RetryAfter: null,
    ErrorSourceService: '',
    HttpHeaders: '{}',
  });
  return document;
}

const intuneMessage = (phrase: string, url: string) =>
  `${phrase} - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: ${CLIENT_REQUEST_ID} - Url: https://fef.msua06.manage.microsoft.com/DeviceFE/StatelessDeviceFEService/${url}`;

describe('errors the Intune service raises, embedded in error.message', () => {
  it('404 ResourceNotFound for an unknown managedDevice, on read and on resetPasscode', async () => {
    const read = await send('get', `/v1.0/deviceManagement/managedDevices/${UNKNOWN}?$select=id`).expect(404);
    expect(read.body.error.code).toBe('ResourceNotFound');
    expect(read.body.error.innerError['client-request-id']).toBe(CLIENT_REQUEST_ID);
    expect(intuneDocumentOf(read.body).Message).toBe(
      intuneMessage(
        'An error has occurred',
        `deviceManagement/managedDevices%28%27${UNKNOWN}%27%29?api-version=2025-07-09&$select=id`,
      ),
    );
    const reset = await send('post', `/beta/users/someone/managedDevices/${UNKNOWN}/resetPasscode`).expect(
      404,
    );
    expect(reset.body.error.code).toBe('ResourceNotFound');
    expect(intuneDocumentOf(reset.body).Message).toBe(
      intuneMessage(
        'An error has occurred',
        `users%28%27someone%27%29/managedDevices%28%27${UNKNOWN}%27%29/microsoft.management.services.api.resetPasscode?api-version=2025-07-09`,
      ),
    );
    const audit = await send('get', `/beta/deviceManagement/remoteActionAudits/${UNKNOWN}`).expect(404);
    expect(audit.body.error.code).toBe('ResourceNotFound');
    intuneDocumentOf(audit.body);
  });

  it('400 BadRequest "An error has occurred" for resetPasscode on a device that does not support it', async () => {
    const refused = await send('post', `/v1.0/deviceManagement/managedDevices/${macId}/resetPasscode`).expect(
      400,
    );
    expect(refused.body.error.code).toBe('BadRequest');
    expect(intuneDocumentOf(refused.body).Message).toBe(
      intuneMessage(
        'An error has occurred',
        `deviceManagement/managedDevices%28%27${macId}%27%29/microsoft.management.services.api.resetPasscode?api-version=2025-07-09`,
      ),
    );
    expect(sim.latestAction(macId)?.state).toBe('notSupported');
  });

  it('500 InternalServerError "An internal server error has occurred" from an injected fault', async () => {
    await simRequest(sim)
      .post('/sim/graph-faults')
      .send({ method: 'GET', path: '*managedDevices', status: 500 })
      .expect(201);
    const failed = await send(
      'get',
      "/v1.0/deviceManagement/managedDevices?$filter=deviceName eq 'x'",
    ).expect(500);
    expect(failed.body.error.code).toBe('InternalServerError');
    expect(intuneDocumentOf(failed.body).Message).toMatch(
      /^An internal server error has occurred - Operation ID .* - Url: https:\/\/fef\.msua06\.manage\.microsoft\.com\/DeviceFE\/StatelessDeviceFEService\/deviceManagement\/managedDevices\?api-version=2025-07-09&\$filter=deviceName%20eq%20%27x%27$/,
    );
  });

  it('429 TooManyRequests from an injected throttling fault keeps Retry-After', async () => {
    await simRequest(sim)
      .post('/sim/graph-faults')
      .send({ method: 'GET', path: '*managedDevices', status: 429, retryAfterSeconds: 2 })
      .expect(201);
    const throttled = await send('get', '/v1.0/deviceManagement/managedDevices').expect(429);
    expect(throttled.headers['retry-after']).toBe('2');
    expect(throttled.body.error.code).toBe('TooManyRequests');
    expect(intuneDocumentOf(throttled.body).Message).toMatch(/^An error has occurred - Operation ID/);
  });

  it('the Graph JS SDK still reads the outer body: status, code and the message as text', async () => {
    const client = graphSdkClient(sim.url, sim.adminToken);
    const error = await client
      .api(`/deviceManagement/managedDevices/${UNKNOWN}`)
      .get()
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
    expect(JSON.parse((error as GraphError).message).Message).toMatch(
      /^An error has occurred - Operation ID/,
    );
  });
});

describe('Intune’s router, with a plain message', () => {
  it('400 "No method match route template" for a method managedDevices has no route for', async () => {
    const create = await send('post', '/beta/users/someone/managedDevices').expect(400);
    expect(create.body.error).toMatchObject({
      code: 'No method match route template',
      message:
        "No OData route exists that match template ~/entityset/key/navigation with http verb POST for request /DeviceFE/StatelessDeviceFEService/users('someone')/managedDevices.",
    });
  });
});

describe('errors of Graph’s gateway, with a plain message', () => {
  it('401 InvalidAuthenticationToken', async () => {
    const denied = await send('get', '/v1.0/deviceManagement/managedDevices', 'not-a-token').expect(401);
    expect(denied.body.error.code).toBe('InvalidAuthenticationToken');
    expect(denied.body.error.message).toMatch(/^IDX14100: /);
  });

  it('400 for a segment Graph does not have', async () => {
    const unknown = await send('get', '/v1.0/deviceManagement/managedGadgets').expect(400);
    expect(unknown.body.error).toMatchObject({
      code: 'BadRequest',
      message: "Resource not found for the segment 'managedGadgets'.",
    });
  });

  it('503 ServiceUnavailable and 504 GatewayTimeout from injected faults', async () => {
    for (const status of [503, 504]) {
      await simRequest(sim)
        .post('/sim/graph-faults')
        .send({ method: 'GET', path: `*/${iosId}`, status })
        .expect(201);
      const failed = await send('get', `/v1.0/deviceManagement/managedDevices/${iosId}`).expect(status);
      expect(failed.body.error.message.startsWith('{')).toBe(false);
      expect(failed.body.error.innerError).toMatchObject({ status: String(status) });
    }
  });
});
