// $batch through the Graph JS SDK's own batching classes: BatchResponseContent reads a sub-response's JSON body only
// when its headers say "Content-Type" in Graph's casing, so this is what a helpdesk tool built on the SDK sees.
import { BatchRequestContent, BatchResponseContent } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { GraphErrorBody } from '../../shared/graph/graph-error.js';
import { adminClient, simRequest } from '../support/admin-client.js';
import { graphSdkClient } from '../support/graph-sdk-client.js';
import { ONE_IPHONE } from '../support/one-iphone.js';
import { useSimulation } from '../support/use-simulation.js';

const sim = useSimulation(ONE_IPHONE);

/** The SDK strips scheme and host from each step's URL, so any absolute base does. */
const step = (id: string, path: string, init?: RequestInit) => ({
  id,
  request: new Request(`http://graph.invalid${path}`, init),
});

/** Sends `batch` through the SDK; the raw JSON answer, which BatchResponseContent is built from. */
async function sdkBatch(batch: BatchRequestContent) {
  const client = graphSdkClient(sim.url, sim.adminToken);
  return (await client.api('/$batch').post(await batch.getContent())) as {
    responses: Array<{ id: string; status: number; headers: Record<string, string>; body?: unknown }>;
  };
}

/** Sub-response `id` as the SDK rebuilds it (a fetch Response). */
function responseOf(responses: BatchResponseContent, id: string): Response {
  const response = responses.getResponseById(id);
  if (!response) throw new Error(`no response ${id} in the batch`);
  return response;
}

const errorCodeOf = async (response: Response) => GraphErrorBody.parse(await response.json()).error.code;

describe('$batch read through the Graph JS SDK', () => {
  it('gives the device of a GET as JSON and the 204 of a resetPasscode', async () => {
    const id = sim.deviceId('iPhone');
    const device = `/deviceManagement/managedDevices/${id}?$select=id,deviceName`;
    const direct = await adminClient(sim).get(device).expect(200);
    const raw = await sdkBatch(
      new BatchRequestContent([
        step('1', device, { method: 'GET' }),
        step('2', `/deviceManagement/managedDevices/${id}/resetPasscode`, {
          method: 'POST',
          body: '{}',
          headers: { 'Content-Type': 'application/json' },
        }),
      ]),
    );
    const responses = new BatchResponseContent(raw);
    const read = responseOf(responses, '1');
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(direct.body);
    expect(responseOf(responses, '2').status).toBe(204);
    expect(sim.latestAction(id)).not.toBeNull();
    // Graph's names (learn.microsoft.com/graph/json-batching), and no lower-case copy beside them.
    const headers = raw.responses.find((item) => item.id === '1')?.headers;
    expect(Object.keys(headers ?? {}).sort()).toEqual(['Content-Type', 'OData-Version', 'request-id']);
  });

  it('gives the error bodies of a failed request and of the one depending on it as JSON', async () => {
    const batch = new BatchRequestContent([
      step('1', '/deviceManagement/managedDevices/missing', { method: 'GET' }),
      step('2', '/deviceManagement/managedDevices?$top=1', { method: 'GET' }),
    ]);
    batch.addDependency('2', '1');
    const responses = new BatchResponseContent(await sdkBatch(batch));
    const missing = responseOf(responses, '1');
    expect(missing.status).toBe(404);
    expect(await errorCodeOf(missing)).toBe('ResourceNotFound');
    const skipped = responseOf(responses, '2');
    expect(skipped.status).toBe(424);
    expect(await errorCodeOf(skipped)).toBe('FailedDependency');
  });

  it('carries a sub-request 429’s Retry-After as "Retry-After"', async () => {
    await simRequest(sim)
      .post('/sim/graph-faults')
      .send({ method: 'GET', path: '*/managedDevices', status: 429, retryAfterSeconds: 3 })
      .expect(201);
    const raw = await sdkBatch(
      new BatchRequestContent([step('1', '/deviceManagement/managedDevices?$select=id', { method: 'GET' })]),
    );
    const [throttled] = raw.responses;
    expect(throttled?.status).toBe(429);
    expect(throttled?.headers['Retry-After']).toBe('3');
    expect(throttled?.headers).not.toHaveProperty('retry-after');
    expect(await errorCodeOf(responseOf(new BatchResponseContent(raw), '1'))).toBe('TooManyRequests');
  });
});
