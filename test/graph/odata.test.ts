// Query options, URL forms and headers as Intune answers them, driven over HTTP: each row is honoured or refused.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { graphSdkClient } from '../support/graph-sdk-client.js';
import { QUERY_FLEET } from './fixtures/query-fleet.js';

let sim: Simulation;
const ids: Record<string, string> = {};

beforeAll(async () => {
  sim = await startSimulation({ fleet: QUERY_FLEET });
  for (const name of ['Alpha iPhone', 'beta iPad', 'Gamma Work', 'Delta Mac']) ids[name] = sim.deviceId(name);
});
afterAll(() => sim.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  request(sim.url).get(path).set('Authorization', `Bearer ${sim.adminToken}`).set(headers);
const post = (path: string) => request(sim.url).post(path).set('Authorization', `Bearer ${sim.adminToken}`);
const names = (body: { value: Array<{ deviceName: string }> }) =>
  body.value.map((device) => device.deviceName);
const devices = '/v1.0/deviceManagement/managedDevices';

describe('$filter', () => {
  it.each([
    ["operatingSystem eq 'ios'", ['Alpha iPhone', 'beta iPad']],
    ["operatingSystem ne 'iOS'", ['Gamma Work', 'Delta Mac']],
    ["startswith(deviceName,'BETA')", ['beta iPad']],
    ["operatingSystem eq 'macOS' or deviceName eq 'gamma work'", ['Gamma Work', 'Delta Mac']],
    ["operatingSystem in ('Android','macOS')", ['Gamma Work', 'Delta Mac']],
    ["not (operatingSystem eq 'iOS') and managedDeviceOwnerType eq 'personal'", ['Gamma Work']],
    ['isSupervised eq true', ['Alpha iPhone', 'beta iPad']],
    ['enrolledDateTime gt 2000-01-01T00:00:00Z', ['Alpha iPhone', 'beta iPad', 'Gamma Work', 'Delta Mac']],
    ['lastSyncDateTime lt 2000-01-01T00:00:00Z', []],
    ["DEVICENAME eq 'Delta Mac'", ['Delta Mac']],
  ])('%s', async (filter, expected) => {
    const response = await get(`${devices}?$filter=${encodeURIComponent(filter)}`).expect(200);
    expect(names(response.body).sort()).toEqual([...expected].sort());
  });

  it.each([
    ["deviceName eq 'x", 'Invalid filter clause'],
    ["nope eq 'x'", "Could not find a property named 'nope'"],
    // contains() only where Graph's metadata documents it (odata-contains.test.ts); serialNumber is not one.
    ["contains(serialNumber,'a')", "the function 'contains' is not supported"],
    ["deviceName like 'a'", 'Invalid filter clause'],
    ["deviceActionResults eq 'x'", 'not supported'],
    ["(deviceName eq 'a'", "expected ')'"],
  ])('refuses %s with 400', async (filter, message) => {
    const response = await get(`${devices}?$filter=${encodeURIComponent(filter)}`).expect(400);
    expect(response.body.error.code).toBe('BadRequest');
    expect(response.body.error.message).toContain(message);
  });
});

describe('$orderby, $top, $skip, $count, $select', () => {
  it('orders by a property, ascending or descending, case-insensitively', async () => {
    const up = await get(`${devices}?$orderby=deviceName`).expect(200);
    expect(names(up.body)).toEqual(['Alpha iPhone', 'beta iPad', 'Delta Mac', 'Gamma Work']);
    const down = await get(`${devices}?$orderby=DeviceName%20DESC`).expect(200);
    expect(names(down.body)).toEqual(['Gamma Work', 'Delta Mac', 'beta iPad', 'Alpha iPhone']);
    await get(`${devices}?$orderby=deviceName sideways`).expect(400);
    // ASP.NET OData's refusal of a property ordered twice; and a bound on the clauses a $skiptoken carries values of.
    const twice = await get(`${devices}?$orderby=deviceName,DEVICENAME desc`).expect(400);
    expect(twice.body.error.message).toBe(
      "Duplicate property named 'deviceName' is not supported in '$orderby'.",
    );
    const many =
      'deviceName,id,model,manufacturer,osVersion,serialNumber,userId,enrolledDateTime,lastSyncDateTime';
    await get(`${devices}?$orderby=${many}`).expect(400);
    await get(`${devices}?$orderby=${many.split(',').slice(0, 8).join(',')}`).expect(200);
    await get(`${devices}?$orderby=deviceActionResults`).expect(400);
  });

  it('pages with $top and $skip, counts with $count=true and /$count', async () => {
    const page = await get(`${devices}?$orderby=deviceName&$top=2&$skip=1&$count=true`).expect(200);
    expect(names(page.body)).toEqual(['beta iPad', 'Delta Mac']);
    expect(page.body['@odata.count']).toBe(4);
    // The token is a cursor after the page's last device, and the nextLink drops the $skip it has taken.
    expect(page.body['@odata.nextLink']).toMatch(/\$top=2&\$skiptoken=[A-Za-z0-9_-]+$/);
    expect(page.body['@odata.nextLink']).not.toMatch(/skip=/);
    const next = await get(
      new URL(page.body['@odata.nextLink']).pathname + new URL(page.body['@odata.nextLink']).search,
    ).expect(200);
    expect(names(next.body)).toEqual(['Gamma Work']);
    const count = await get(
      `${devices}/$count?$filter=${encodeURIComponent("operatingSystem eq 'iOS'")}`,
    ).expect(200);
    expect(count.text).toBe('2');
    expect(count.headers['content-type']).toMatch(/^text\/plain/);
    // v1.0 keeps a client's own parameter named like an option without `$` in the nextLink; beta reads it as one.
    const own = await get(`${devices}?$top=2&skip=3&tag=x`).expect(200);
    expect(own.body['@odata.nextLink']).toMatch(/\?skip=3&tag=x&\$top=2&\$skiptoken=/);
    const beta = await get(`${devices.replace('/v1.0/', '/beta/')}?$top=2&skip=1`).expect(200);
    expect(names(beta.body)).toEqual(['beta iPad', 'Gamma Work']);
    expect(beta.body['@odata.nextLink']).not.toMatch(/skip=/);
    await get(`${devices}?$top=1001`).expect(400);
    await get(`${devices}?$top=-1`).expect(400);
    await get(`${devices}?$skip=x`).expect(400);
    await get(`${devices}?$count=maybe`).expect(400);
  });

  it('selects case-insensitively, names the selection in @odata.context, and keeps Graph’s spelling', async () => {
    const one = await get(`${devices}/${ids['Alpha iPhone']}?$SELECT=ID,deviceactionresults`).expect(200);
    expect(Object.keys(one.body).sort()).toEqual(['@odata.context', 'deviceActionResults', 'id']);
    expect(one.body['@odata.context']).toMatch(
      /\$metadata#deviceManagement\/managedDevices\(id,deviceActionResults\)\/\$entity$/,
    );
    const list = await get(`${devices}?$select=deviceName,id`).expect(200);
    expect(list.body['@odata.context']).toMatch(/managedDevices\(deviceName,id\)$/);
  });

  it('selects a property named twice once, as ODL’s SelectExpandBinder ignores the repeat', async () => {
    const twice = await get(`${devices}?$select=id,deviceName,ID`).expect(200);
    expect(twice.body['@odata.context']).toMatch(/managedDevices\(id,deviceName\)$/);
  });

  it('refuses $search, $expand, unknown $options, repeated options and list options on one device, never a silent 200', async () => {
    for (const query of ['$search=alpha', '$expand=users', '$bogus=1', '$top=1&$TOP=2', '$apply=x']) {
      const response = await get(`${devices}?${query}`).expect(400);
      expect(response.body.error.code).toBe('BadRequest');
    }
    const top = await get(`${devices}/${ids['Alpha iPhone']}?$top=1`).expect(400);
    expect(top.body.error.message).toContain("Query option 'Top' is not allowed");
    // Parameters that are not OData options pass, as in Graph.
    await get(`${devices}?api-version=1`).expect(200);
  });

  it('takes options without the $ on beta only', async () => {
    const beta = await get(`/beta/deviceManagement/managedDevices?top=1&select=id`).expect(200);
    expect(beta.body.value).toHaveLength(1);
    expect(Object.keys(beta.body.value[0])).toEqual(['id']);
    const v1 = await get(`${devices}?top=1`).expect(200);
    expect(v1.body.value).toHaveLength(4);
  });
});

describe('remoteActionAudits', () => {
  it('comes back newest first with $orderby=requestDateTime desc, as the portal sorts it', async () => {
    for (const name of ['Delta Mac', 'Alpha iPhone', 'Gamma Work']) {
      sim.advanceClock(60_000);
      await post(`/beta/deviceManagement/managedDevices/${ids[name]}/resetPasscode`).expect((r) =>
        expect([204, 400]).toContain(r.status),
      );
    }
    const client = graphSdkClient(sim.url, sim.adminToken, { version: 'beta' });
    const newest = await client
      .api('/deviceManagement/remoteActionAudits')
      .orderby('requestDateTime desc')
      .get();
    const times = newest.value.map((audit: { requestDateTime: string }) => audit.requestDateTime);
    expect(times.length).toBeGreaterThanOrEqual(3);
    expect(times).toEqual([...times].sort().reverse());
    expect(newest.value[0].deviceDisplayName).toBe('Gamma Work');
    const oldest = await client.api('/deviceManagement/remoteActionAudits').orderby('requestDateTime').get();
    expect(oldest.value[0].deviceDisplayName).toBe('Delta Mac');
  });
});

describe('URL forms', () => {
  it('reads a device by key in parentheses, lower-case segments and an upper-case GUID', async () => {
    const id = ids['Alpha iPhone'] ?? '';
    for (const path of [
      `/v1.0/deviceManagement/managedDevices('${id}')`,
      `/v1.0/devicemanagement/manageddevices/${id}`,
      `/v1.0/deviceManagement/managedDevices/${id.toUpperCase()}`,
      `/v1.0/deviceManagement/managedDevices(${id})`,
    ]) {
      const response = await get(path).expect(200);
      expect(response.body.id).toBe(id);
    }
  });

  it('runs resetPasscode on the alternative path under /users/{id}/managedDevices, only for that user’s device', async () => {
    const id = ids['beta iPad'] ?? '';
    const device = await get(
      `/v1.0/deviceManagement/managedDevices/${id}?$select=userId,userPrincipalName`,
    ).expect(200);
    await post(`/v1.0/users/${device.body.userId}/managedDevices/${id}/resetPasscode`).expect(204);
    await sim.waitForAction(id, (action) => action.state === 'done');
    const byUpn = await get(`/v1.0/users/${device.body.userPrincipalName}/managedDevices`).expect(200);
    expect(byUpn.body.value.map((d: { id: string }) => d.id)).toContain(id);
    await post(`/v1.0/users/00000000-0000-4000-a000-000000000000/managedDevices/${id}/resetPasscode`).expect(
      404,
    );
  });

  it('answers Intune’s router 400 for GET on the action and 400 for segments Graph does not have', async () => {
    const action = await get(`${devices}/${ids['Alpha iPhone']}/resetPasscode`).expect(400);
    expect(action.body.error).toMatchObject({
      code: 'No method match route template',
      message: `No OData route exists that match template ~/singleton/navigation/key/action with http verb GET for request /DeviceFE/StatelessDeviceFEService/deviceManagement/managedDevices('${ids['Alpha iPhone']}')/microsoft.management.services.api.resetPasscode.`,
    });
    const unknown = await get('/v1.0/deviceManagement/managedGadgets').expect(400);
    expect(unknown.body.error.message).toBe("Resource not found for the segment 'managedGadgets'.");
    // Intune has no route for POST on managedDevices (msgraph-sdk-python#731): its router's plain 400.
    const create = await post(devices).expect(400);
    expect(create.body.error).toMatchObject({
      code: 'No method match route template',
      message:
        'No OData route exists that match template ~/singleton/navigation with http verb POST for request /DeviceFE/StatelessDeviceFEService/deviceManagement/managedDevices.',
    });
  });

  it('records nothing and sends nothing for a resetPasscode refused for its query', async () => {
    const id = ids['Delta Mac'] ?? '';
    const before = sim.app.services.actions.list().length;
    await post(`${devices}/${id}/resetPasscode?$filter=x`).expect(400);
    await post(`${devices}/${id}/resetPasscode?$top=5000`).expect(400);
    expect(sim.app.services.actions.list().length).toBe(before);
  });
});

describe('headers', () => {
  it('generates its own request-id and echoes client-request-id, with Graph’s content type and OData-Version', async () => {
    const clientId = '5c3d2b1a-0000-4000-8000-000000000001';
    const ok = await get(devices, { 'client-request-id': clientId }).expect(200);
    expect(ok.headers['client-request-id']).toBe(clientId);
    expect(ok.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.headers['request-id']).not.toBe(clientId);
    expect(ok.headers['odata-version']).toBe('4.0');
    expect(ok.headers['content-type']).toBe(
      'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    );
    const failed = await get(`${devices}/nope`, { 'client-request-id': clientId }).expect(404);
    expect(failed.body.error.innerError).toMatchObject({
      'client-request-id': clientId,
      'request-id': failed.headers['request-id'],
    });
  });
});
