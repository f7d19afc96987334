// No input gives a 5xx: odd paths, query strings, methods, headers and bodies against the Graph routes and $batch.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Simulation, startSimulation } from '../../runner/simulation.js';
import { seededRandom } from '../../server/graph/faults/seeded-random.js';
import { GraphErrorBody } from '../../shared/graph/graph-error.js';

let sim: Simulation;
let id = '';
beforeAll(async () => {
  sim = await startSimulation({
    fleet: {
      devices: [{ name: 'iPhone', enrollment: 'iosDeviceEnrollment', osVersion: '17.4', passcode: '1' }],
    },
    throttling: null,
  });
  id = sim.deviceId('iPhone');
});
afterAll(() => sim.close());

const PIECES = [
  'deviceManagement',
  'managedDevices',
  'remoteActionAudits',
  'users',
  'resetPasscode',
  '$count',
  '$batch',
  '..',
  '.',
  '%2e%2e',
  '%00',
  '%E0%A4%A',
  "managedDevices('x')",
  "managedDevices('')",
  'managedDevices(',
  ')',
  "'",
  '%2F',
  '__proto__',
  'constructor',
  'x'.repeat(120),
  '',
  '(',
  '$metadata',
  'microsoft.graph.resetPasscode',
];
const QUERIES = [
  '$filter=',
  "$filter='",
  '$filter=((((((((((',
  "$filter=deviceName eq 'a' and",
  '$filter=not',
  '$filter=in',
  '$filter=startswith(',
  '$filter=startswith(deviceName,1)',
  '$filter=deviceName in ()',
  '$orderby=',
  '$orderby=,',
  '$top=1e3',
  '$top=99999999999999999999',
  '$skip=-0',
  '$skiptoken=abc',
  '$count=',
  '$select=,',
  '$select=*',
  '$SELECT=id&$select=id',
  'top=x',
  '%24top=2',
  '$filter=enrolledDateTime gt 9999-99-99T99:99:99Z',
  '&&&',
  '=',
  "$filter=deviceName eq 'it''s'",
  `$filter=${'not '.repeat(200)}deviceName eq 'a'`,
];

it('answers every odd request below 500, errors in Graph’s body', async () => {
  const random = seededRandom('no-server-errors');
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const auth = { authorization: `Bearer ${sim.adminToken}` };
  const statuses = new Map<number, number>();
  for (let i = 0; i < 600; i++) {
    const depth = 1 + Math.floor(random() * 5);
    const segments = Array.from({ length: depth }, () => (random() < 0.2 ? id : pick(PIECES)));
    const version = pick(['v1.0', 'beta', 'V1.0']);
    const url = `/${version}/${segments.join('/')}${random() < 0.6 ? `?${pick(QUERIES)}` : ''}`;
    const method = pick(['GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS', 'HEAD'] as const);
    const body = pick([
      undefined,
      '',
      '{',
      'null',
      '[]',
      '{"requests":[{"id":"1","method":"GET","url":"/.."}]}',
    ]);
    const response = await sim.app.inject({
      method,
      url,
      headers: { ...auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { payload: body } : {}),
    });
    // `inject` resolves dot segments (`%2e%2e` too) as the WHATWG parser does, so such a path reaches the console's
    // page at `/`, not Graph: before the console is built (a fresh checkout whose console tests have not built it yet)
    // that page says so with a 503, and that is the only 503 skipped.
    if (
      response.statusCode === 503 &&
      new URL(url, 'http://localhost').pathname === '/' &&
      (method === 'HEAD' || response.payload.includes('console not built'))
    ) {
      continue;
    }
    statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
    // The one deliberate 5xx: 501 NotImplemented for what Graph has and mdmsim does not simulate ($metadata, DELETE of
    // a device, its other actions), never a failure.
    if (
      response.statusCode === 501 &&
      (method === 'HEAD' || response.json().error?.code === 'NotImplemented')
    )
      continue;
    if (response.statusCode >= 500)
      throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.payload}`);
    if (response.statusCode >= 400 && method !== 'HEAD') {
      const parsed = GraphErrorBody.safeParse(response.json());
      if (!parsed.success) throw new Error(`${method} ${url}: not Graph's error body: ${response.payload}`);
    }
  }
  expect([...statuses.keys()].every((status) => status < 500 || status === 501)).toBe(true);
  expect(statuses.get(400)).toBeGreaterThan(0);
});
