// How Graph routes read request bodies: compressed bodies are a 415 before parsing (so Kiota's CompressionHandler
// resends them plainly), unreadable JSON is Graph's own 400, and bodies of other types are not read.
import { brotliCompressSync, gzipSync } from 'node:zlib';
import {
  type AccessTokenProvider,
  AllowedHostsValidator,
  BaseBearerTokenAuthenticationProvider,
  HttpMethod,
  RequestInformation,
} from '@microsoft/kiota-abstractions';
import { FetchRequestAdapter, HttpClient, MiddlewareFactory } from '@microsoft/kiota-http-fetchlibrary';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchedResetPasscode } from '../../shared/graph/batch-request.js';
import { GraphErrorBody } from '../../shared/graph/graph-error.js';
import { ONE_IPHONE } from '../support/one-iphone.js';
import { useSimulation } from '../support/use-simulation.js';

const sim = useSimulation(ONE_IPHONE);
let id = '';

beforeAll(() => {
  id = sim.deviceId('iPhone');
});

const auth = () => ({ authorization: `Bearer ${sim.adminToken}` });
const resetUrl = () => `${sim.url}/v1.0/deviceManagement/managedDevices/${id}/resetPasscode`;
const UNREADABLE =
  'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.';

describe('compressed request bodies', () => {
  it.each([
    ['gzip', gzipSync('{}')],
    ['br', brotliCompressSync('{}')],
    ['deflate, gzip', gzipSync('{}')],
  ])('answers Content-Encoding %s with 415 in Graph’s body, before reading it', async (encoding, body) => {
    const response = await fetch(resetUrl(), {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json', 'content-encoding': encoding },
      body,
    });
    expect(response.status).toBe(415);
    const error = GraphErrorBody.parse(await response.json()).error;
    expect(error.code).toBe('UnsupportedMediaType');
    expect(error.message).toContain('Content-Encoding');
    expect(response.headers.get('accept-encoding')).toBe('identity');
    expect(sim.latestAction(id)).toBeNull();
  });

  it('reads a coding on a request without content as nothing to decode', async () => {
    const list = await fetch(`${sim.url}/v1.0/deviceManagement/managedDevices`, {
      headers: { ...auth(), 'content-encoding': 'gzip' },
    });
    expect(list.status).toBe(200);
  });

  it('answers 401 first without a token, and takes identity as no coding', async () => {
    const denied = await fetch(resetUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync('{}'),
    });
    expect(denied.status).toBe(401);
    const batch = await fetch(`${sim.url}/beta/$batch`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ requests: [batchedResetPasscode('1', id)] })),
    });
    expect(batch.status).toBe(415);
    expect(sim.latestAction(id)).toBeNull();
  });

  it('lets Kiota’s CompressionHandler fall back to an uncompressed body, as it does on a 415', async () => {
    const sent: Array<string | null> = [];
    const recordingFetch = (url: RequestInfo | URL, init?: RequestInit) => {
      sent.push(new Headers(init?.headers).get('content-encoding'));
      return fetch(url, init);
    };
    const tokens: AccessTokenProvider = {
      getAuthorizationToken: async () => sim.adminToken,
      getAllowedHostsValidator: () => new AllowedHostsValidator(new Set(['127.0.0.1'])),
    };
    // Kiota's own chain with compression (getPerformanceMiddlewares), ending in the recording fetch.
    const adapter = new FetchRequestAdapter(
      new BaseBearerTokenAuthenticationProvider(tokens),
      undefined,
      undefined,
      new HttpClient(undefined, ...MiddlewareFactory.getPerformanceMiddlewares(recordingFetch)),
    );
    const info = new RequestInformation(HttpMethod.POST);
    info.URL = `${sim.url}/v1.0/$batch`;
    info.headers.tryAdd('Content-Type', 'application/json');
    info.content = new TextEncoder().encode(
      JSON.stringify({ requests: [batchedResetPasscode('1', id)] }),
    ).buffer;
    const answer = await adapter.sendPrimitive<ArrayBuffer>(info, 'ArrayBuffer', undefined);
    const batch = JSON.parse(Buffer.from(answer as ArrayBuffer).toString('utf8'));
    expect(sent).toEqual(['gzip', null]);
    expect(batch.responses[0].status).toBe(204);
    await sim.waitForAction(id, (action) => action.state === 'done');
  });
});

describe('JSON bodies Graph cannot read', () => {
  it('answers with Graph’s own 400, on a route and on $batch', async () => {
    for (const url of [resetUrl(), `${sim.url}/v1.0/$batch`]) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: '{"unfinished":',
      });
      expect(response.status).toBe(400);
      expect(GraphErrorBody.parse(await response.json()).error).toMatchObject({
        code: 'BadRequest',
        message: UNREADABLE,
      });
    }
  });

  it('answers an unreadable inner body of a $batch request the same', async () => {
    const response = await fetch(`${sim.url}/v1.0/$batch`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: [{ ...batchedResetPasscode('1', id), body: '{"unfinished":' }],
      }),
    });
    const [only] = (await response.json()).responses;
    expect(only.status).toBe(400);
    expect(only.body.error.message).toBe(UNREADABLE);
  });
});

describe('bodies of other media types', () => {
  it.each([
    ['text/plain', 'hello'],
    ['text/plain;charset=UTF-8', '{}'],
    ['application/x-www-form-urlencoded', 'a=1'],
    ['application/xml', '<a/>'],
    ['application/x-www-form-urlencoded', ''],
  ])('takes a %s body as an action without parameters does: not read (%s)', async (type, body) => {
    const response = await fetch(resetUrl(), {
      method: 'POST',
      headers: { ...auth(), 'content-type': type },
      body,
    });
    expect(response.status).toBe(204);
    await sim.waitForAction(id, (action) => action.state === 'done');
  });

  it('takes a body without a Content-Type the same', async () => {
    const response = await sim.app.inject({
      method: 'POST',
      url: `/v1.0/deviceManagement/managedDevices/${id}/resetPasscode`,
      headers: auth(),
      payload: Buffer.from('anything'),
    });
    expect(response.statusCode).toBe(204);
  });
});

describe('a $batch sub-request’s body', () => {
  /**
   * The same POST sent over HTTP (`sent`, its bytes) and as the only request of a $batch (`body`, as the batch's JSON
   * carries it): status, error and 415's header of each. syncDevice answers 501 once a body has passed.
   */
  async function bothWays(headers: Record<string, string>, body: unknown, sent: string | Uint8Array) {
    const action = `/deviceManagement/managedDevices/${id}/syncDevice`;
    const direct = await fetch(`${sim.url}/v1.0${action}`, {
      method: 'POST',
      headers: { ...auth(), ...headers },
      body: typeof sent === 'string' ? sent : new Uint8Array(sent),
    });
    const batch = await fetch(`${sim.url}/v1.0/$batch`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: [{ id: '1', method: 'POST', url: action, headers, body }],
      }),
    });
    expect(batch.status).toBe(200);
    const [inner] = (await batch.json()).responses as Array<{
      status: number;
      headers: Record<string, string>;
      body: unknown;
    }>;
    const { code, message } = GraphErrorBody.parse(await direct.json()).error;
    const innerError = GraphErrorBody.parse(inner?.body).error;
    return {
      direct: { status: direct.status, code, message, acceptEncoding: direct.headers.get('accept-encoding') },
      batched: {
        status: inner?.status,
        code: innerError.code,
        message: innerError.message,
        acceptEncoding: inner?.headers['Accept-Encoding'] ?? null,
      },
    };
  }

  it.each<[string, Record<string, string>, string, number]>([
    ['an XML body', { 'Content-Type': 'application/xml' }, '<a/>', 501],
    ['a form', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'a=1', 501],
    // Graph's JSON batching page: a body "Might be a JSON object or a base64 URL-encoded value".
    ['a base64 octet stream', { 'Content-Type': 'application/octet-stream' }, 'AAAA', 501],
    ['a compressed body', { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, '{}', 415],
    ['unreadable JSON', { 'Content-Type': 'application/json' }, '{"unfinished":', 400],
    ['JSON with __proto__', { 'Content-Type': 'application/json' }, '{"__proto__":{"x":1}}', 400],
    ['a Content-Type naming no type', { 'Content-Type': '' }, '{}', 415],
    ['a Content-Type without its subtype', { 'Content-Type': 'json' }, '{}', 415],
    ['a Content-Type of a slash', { 'Content-Type': '/' }, '{}', 415],
    ['a Content-Type of parameters only', { 'Content-Type': ';charset=utf-8' }, '{}', 415],
    [
      'a Content-Type with spaces around its type',
      { 'Content-Type': ' application/json ; charset=utf-8' },
      '{}',
      501,
    ],
  ])('answers %s as the same request over HTTP does', async (_what, headers, body, status) => {
    const sent = headers['Content-Encoding'] === 'gzip' ? gzipSync(body) : body;
    const { direct, batched } = await bothWays(headers, body, sent);
    expect(direct.status).toBe(status);
    expect(batched).toEqual(direct);
  });

  it('refuses a compressed JSON object in a batch as the compressed bytes over HTTP: 415', async () => {
    const headers = { 'Content-Type': 'application/json', 'Content-Encoding': 'br' };
    const { direct, batched } = await bothWays(headers, {}, brotliCompressSync('{}'));
    expect(direct).toMatchObject({ status: 415, code: 'UnsupportedMediaType', acceptEncoding: 'identity' });
    expect(batched).toEqual(direct);
  });
});

describe('a $batch body', () => {
  it('must be JSON and present: 415 for another type, 400 for none, each saying what to send', async () => {
    const batch = (type: string, body: string) =>
      fetch(`${sim.url}/v1.0/$batch`, { method: 'POST', headers: { ...auth(), 'content-type': type }, body });
    const form = await batch('application/x-www-form-urlencoded', 'x=1');
    expect(form.status).toBe(415);
    expect(GraphErrorBody.parse(await form.json()).error).toMatchObject({
      code: 'UnsupportedMediaType',
      message: 'A $batch body is JSON: send it as application/json.',
    });
    const empty = await batch('application/json', '');
    expect(empty.status).toBe(400);
    expect(GraphErrorBody.parse(await empty.json()).error.message).toBe(
      'A $batch request needs a body: {"requests": [...]}.',
    );
  });
});
