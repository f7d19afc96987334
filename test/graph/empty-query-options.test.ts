// An empty or blank $filter, $orderby, $top, $skip, $count or $apply over HTTP: ASP.NET OData's 400 (ThrowIfEmpty),
// before any check of which options the route allows; the options it does not check keep their own answers.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { QUERY_FLEET } from './fixtures/query-fleet.js';

let sim: Simulation;
let deviceId = '';
beforeAll(async () => {
  sim = await startSimulation({ fleet: QUERY_FLEET });
  deviceId = sim.deviceId('Alpha iPhone');
});
afterAll(() => sim.close());

const get = (path: string) => request(sim.url).get(path).set('Authorization', `Bearer ${sim.adminToken}`);
const devices = '/v1.0/deviceManagement/managedDevices';
const emptyMessage = (option: string) => `The value for OData query '$${option}' cannot be empty.`;

describe('an empty option ASP.NET OData checks', () => {
  it.each([
    ['filter', ''],
    ['filter', '%20%20'],
    ['orderby', ''],
    ['orderby', '%09'],
    ['top', ''],
    ['skip', '%20'],
    ['count', ''],
    ['apply', ''],
  ])('$%s=%s is a 400 on v1.0 and beta', async (option, value) => {
    for (const version of ['v1.0', 'beta']) {
      const response = await get(`/${version}/deviceManagement/managedDevices?$${option}=${value}`).expect(
        400,
      );
      expect(response.body.error).toMatchObject({ code: 'BadRequest', message: emptyMessage(option) });
    }
  });

  it('is refused alongside other options, and written without $ on beta', async () => {
    const withSelect = await get(`${devices}?$select=id&$filter=`).expect(400);
    expect(withSelect.body.error.message).toBe(emptyMessage('filter'));
    const bare = await get('/beta/deviceManagement/managedDevices?orderby=').expect(400);
    expect(bare.body.error.message).toBe(emptyMessage('orderby'));
  });

  it('is refused as empty before the route is asked whether it allows the option', async () => {
    const one = await get(`${devices}/${deviceId}?$top=`).expect(400);
    expect(one.body.error.message).toBe(emptyMessage('top'));
    const count = await get(`${devices}/$count?$orderby=`).expect(400);
    expect(count.body.error.message).toBe(emptyMessage('orderby'));
    // A value there is still the route's refusal.
    const allowed = await get(`${devices}/${deviceId}?$top=1`).expect(400);
    expect(allowed.body.error.message).toContain("Query option 'Top' is not allowed");
  });

  it('leaves alone a filter comparing with an empty string', async () => {
    const response = await get(`${devices}?$filter=${encodeURIComponent("deviceName eq ''")}`).expect(200);
    expect(response.body.value).toEqual([]);
  });
});

describe('an empty option ASP.NET OData does not check', () => {
  it('keeps its own answer: $select and $search', async () => {
    const select = await get(`${devices}?$select=`).expect(400);
    expect(select.body.error.message).toContain('Invalid $select');
    const search = await get(`${devices}?$search=`).expect(400);
    expect(search.body.error.message).toContain('$search is not supported');
  });
});
