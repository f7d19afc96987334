// Whatever is wrong with a request to the Entra look-alike (body, size, method, Host, URL, path, bytes the HTTP parser
// refuses), it answers in Entra's body; the same mistakes on Graph's paths keep Graph's.
import { connect } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT_ID } from '../../server/identity/app-registrations.js';
import { type IdentityHarness, startIdentityHarness } from './identity-harness.js';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One request written byte for byte (no Host, an HTTP/1.0 request line, methods fetch refuses), read to the end; over
 * TLS when given the CA to trust.
 */
function rawRequest(port: number, head: string, tlsCa?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const send = () => socket.end(`${head}\r\n\r\n`);
    const socket =
      tlsCa === undefined
        ? connect(port, '127.0.0.1', send)
        : connectTls({ host: '127.0.0.1', port, servername: 'localhost', ca: tlsCa }, send);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: text.slice(split + 4) });
    });
  });
}

/** Entra's error body, field by field, for the code expected; correlation_id is the response's request-id. */
function expectEntraError(body: string, requestId: string | null, error: string, code: number) {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  expect(parsed, body).toMatchObject({
    error,
    error_codes: [code],
    correlation_id: requestId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  });
  expect(parsed.error_description).toMatch(
    new RegExp(
      `^AADSTS${code}: .+ Trace ID: [0-9a-f-]{36} Correlation ID: ${requestId} Timestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`,
    ),
  );
  expect(parsed.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  expect(parsed.trace_id).toMatch(/^[0-9a-f-]{36}$/);
  return parsed as { error_description: string };
}

describe('Entra look-alike: protocol errors in Entra shape', () => {
  let harness: IdentityHarness;
  let base: string;
  let tokenUrl: string;
  beforeAll(async () => {
    harness = await startIdentityHarness({ devices: 1 });
    base = harness.host.url;
    tokenUrl = `${base}/${DEFAULT_TENANT_ID}/oauth2/v2.0/token`;
  });
  afterAll(() => harness?.close());

  const credentials = () => ({
    grant_type: 'client_credentials',
    client_id: harness.operator.clientId,
    client_secret: harness.operator.clientSecret,
    scope: 'https://graph.microsoft.com/.default',
  });

  it('answers a body it cannot take (too large, an over-long value) in Entra body, not Graph', async () => {
    const cases: Array<[string, RequestInit, number, string]> = [
      [
        'a body over 64 KiB',
        { body: new URLSearchParams({ ...credentials(), pad: 'a'.repeat(70_000) }) },
        413,
        '',
      ],
      [
        'a client_secret over 16,384 characters',
        { body: new URLSearchParams({ ...credentials(), client_secret: 's'.repeat(16_385) }) },
        400,
        "The value of 'client_secret' is too long.",
      ],
    ];
    for (const [label, init, status, detail] of cases) {
      const response = await fetch(tokenUrl, { method: 'POST', ...init });
      expect(response.status, label).toBe(status);
      const text = await response.text();
      const body = expectEntraError(text, response.headers.get('request-id'), 'invalid_request', 9002313);
      expect(body.error_description).toContain('Invalid request. Request is malformed or invalid.');
      expect(body.error_description).toContain(detail);
      expect(text).not.toContain('sssssssss');
      expect(text).not.toContain(harness.operator.clientSecret);
    }
  });

  it('reads only form bodies: none, JSON, text, multipart or a bad Content-Type is AADSTS900144 and issues no token', async () => {
    const multipart = new FormData();
    for (const [name, value] of Object.entries(credentials())) multipart.set(name, value);
    const json = { 'content-type': 'application/json' };
    const cases: Array<[string, RequestInit]> = [
      ['no body', {}],
      ['JSON with valid credentials', { headers: json, body: JSON.stringify(credentials()) }],
      ['JSON {"grant_type":5}', { headers: json, body: '{"grant_type":5}' }],
      [
        'text/plain',
        { headers: { 'content-type': 'text/plain' }, body: new URLSearchParams(credentials()).toString() },
      ],
      ['multipart', { body: multipart }],
      ['an unreadable Content-Type', { headers: { 'content-type': 'not a type' }, body: 'grant_type=x' }],
    ];
    for (const [label, init] of cases) {
      const response = await fetch(tokenUrl, { method: 'POST', ...init });
      expect(response.status, label).toBe(400);
      const body = expectEntraError(
        await response.text(),
        response.headers.get('request-id'),
        'invalid_request',
        900144,
      );
      expect(body.error_description).toMatch(
        /^AADSTS900144: The request body must contain the following parameter: 'grant_type'\. /,
      );
    }
    // The same parameters as a form still get a token.
    const form = await fetch(tokenUrl, { method: 'POST', body: new URLSearchParams(credentials()) });
    expect(form.status).toBe(200);
  });

  it('refuses other methods with AADSTS900561, answers OPTIONS, and does the same on the discovery routes', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const response = await fetch(tokenUrl, { method, ...(method === 'GET' ? {} : { body: 'x' }) });
      expect(response.status, method).toBe(400);
      const body = expectEntraError(
        await response.text(),
        response.headers.get('request-id'),
        'invalid_request',
        900561,
      );
      expect(body.error_description).toMatch(
        new RegExp(
          `^AADSTS900561: The endpoint only accepts POST, OPTIONS requests\\. Received a ${method} request\\. `,
        ),
      );
    }
    const trace = await rawRequest(
      harness.host.port,
      `TRACE /${DEFAULT_TENANT_ID}/oauth2/v2.0/token HTTP/1.1\r\nHost: localhost\r\nConnection: close`,
    );
    expect(trace.status).toBe(400);
    expectEntraError(trace.body, trace.headers['request-id'] ?? null, 'invalid_request', 900561);
    const head = await fetch(tokenUrl, { method: 'HEAD' });
    expect(head.status).toBe(400);

    const options = await fetch(tokenUrl, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('POST, OPTIONS');

    for (const path of [
      `/${DEFAULT_TENANT_ID}/v2.0/.well-known/openid-configuration`,
      `/${DEFAULT_TENANT_ID}/discovery/v2.0/keys`,
      '/common/discovery/keys',
      '/common/discovery/instance',
    ]) {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        body: new URLSearchParams(credentials()),
      });
      expect(response.status, path).toBe(400);
      const body = expectEntraError(
        await response.text(),
        response.headers.get('request-id'),
        'invalid_request',
        900561,
      );
      expect(body.error_description).toContain(
        'The endpoint only accepts GET, OPTIONS requests. Received a POST request.',
      );
      expect((await fetch(`${base}${path}`, { method: 'HEAD' })).status, path).toBe(200);
    }
    const query = await fetch(`${base}/common/discovery/instance?api-version=${'1'.repeat(17)}`);
    expect(query.status).toBe(400);
    const body = expectEntraError(
      await query.text(),
      query.headers.get('request-id'),
      'invalid_request',
      9002313,
    );
    expect(body.error_description).toContain("The value of 'api-version' is too long.");
  });

  it('refuses a missing or malformed Host header with 400 in Entra body instead of building URLs from it', async () => {
    const paths = [
      ['GET', `/${DEFAULT_TENANT_ID}/v2.0/.well-known/openid-configuration`],
      ['GET', '/common/v2.0/.well-known/openid-configuration'],
      ['GET', '/common/discovery/instance?api-version=1.1'],
      ['GET', '/common/discovery/keys'],
      ['POST', `/${DEFAULT_TENANT_ID}/oauth2/v2.0/token`],
    ];
    for (const [method, path] of paths) {
      for (const head of [
        `${method} ${path} HTTP/1.0`,
        `${method} ${path} HTTP/1.1\r\nHost: a"b\r\nConnection: close`,
        `${method} ${path} HTTP/1.1\r\nHost: a b<\r\nConnection: close`,
      ]) {
        const response = await rawRequest(harness.host.port, head);
        expect(response.status, head).toBe(400);
        expect(response.body).not.toContain('http://');
        expect(response.body).not.toContain('a\\"b');
        const body = expectEntraError(
          response.body,
          response.headers['request-id'] ?? null,
          'invalid_request',
          9002313,
        );
        expect(body.error_description).toContain('The request has a missing or malformed Host header.');
      }
    }
    // A well-formed Host still gets discovery built on it.
    const good = await rawRequest(
      harness.host.port,
      `GET /common/discovery/instance HTTP/1.1\r\nHost: mdmsim.test:8443\r\nConnection: close`,
    );
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body).tenant_discovery_endpoint).toBe(
      `http://mdmsim.test:8443/${DEFAULT_TENANT_ID}/v2.0/.well-known/openid-configuration`,
    );
  });
});

describe('Entra look-alike: errors answered outside its routes, in Entra shape on its paths only', () => {
  let harness: IdentityHarness;
  let port: number;
  const tokenPath = `/${DEFAULT_TENANT_ID}/oauth2/v2.0/token`;
  const graphPath = '/v1.0/deviceManagement/managedDevices';
  const request = (line: string, headers = '') =>
    rawRequest(port, `${line} HTTP/1.1\r\nHost: localhost\r\n${headers}Connection: close`);
  beforeAll(async () => {
    harness = await startIdentityHarness({ devices: 1 });
    port = harness.host.port;
  });
  afterAll(() => harness?.close());

  it('refuses methods Fastify does not route (PROPFIND, PURGE) on Entra endpoints with AADSTS900561', async () => {
    const cases: Array<[string, string, string]> = [
      ['PROPFIND', tokenPath, 'POST, OPTIONS'],
      ['PURGE', tokenPath, 'POST, OPTIONS'],
      ['PROPFIND', 'http://localhost/common/oauth2/v2.0/token', 'POST, OPTIONS'],
      ['PROPFIND', '/common/discovery/keys/', 'GET, OPTIONS'],
      ['LOCK', `/${DEFAULT_TENANT_ID}/v2.0/.well-known/openid-configuration`, 'GET, OPTIONS'],
    ];
    for (const [method, path, accepted] of cases) {
      const response = await request(`${method} ${path}`);
      expect(response.status, `${method} ${path}`).toBe(400);
      expect(response.headers['cache-control']).toBe('no-store, no-cache');
      const body = expectEntraError(
        response.body,
        response.headers['request-id'] ?? null,
        'invalid_request',
        900561,
      );
      expect(body.error_description).toMatch(
        new RegExp(
          `^AADSTS900561: The endpoint only accepts ${accepted} requests\\. Received a ${method} request\\. `,
        ),
      );
    }
  });

  it('answers a path under the identity prefixes that no endpoint serves with 404 in Entra body, whatever the body', async () => {
    const cases = [
      ['PROPFIND /common/oauth2/v2.0/authorize', ''],
      [`GET /${DEFAULT_TENANT_ID}/oauth2/v2.0/nothing?client_secret=hidden`, ''],
      [`PROPFIND /${DEFAULT_TENANT_ID}/discovery/v2.0/keys/extra`, ''],
      ['OPTIONS /organizations/v2.0/nothing', ''],
      // Fastify reads a body before the not-found handler runs; one it cannot read is still no endpoint here.
      ['POST /common/oauth2/v2.0/nothing', 'Content-Type: application/json\r\nContent-Length: 0\r\n'],
      ['POST /common/oauth2/v2.0/nothing', 'Content-Type: not a type\r\nContent-Length: 0\r\n'],
    ] as const;
    for (const [line, headers] of cases) {
      const response = await request(line, headers);
      expect(response.status, line).toBe(404);
      expect(response.body).not.toContain('hidden');
      const body = expectEntraError(
        response.body,
        response.headers['request-id'] ?? null,
        'invalid_request',
        9002313,
      );
      expect(body.error_description).toContain(
        'Invalid request. Request is malformed or invalid. No endpoint exists at this path.',
      );
    }
  });

  it('answers an undecodable URL on an identity path with 400 in Entra body', async () => {
    const cases: Array<[string, number, string]> = [
      ['GET /common/oauth2/v2.0/tok%E0%A4%A', 400, 'The request URL is not valid: it could not be decoded.'],
      [
        `POST /${DEFAULT_TENANT_ID}/oauth2/v2.0/%ZZ`,
        400,
        'The request URL is not valid: it could not be decoded.',
      ],
    ];
    for (const [line, status, detail] of cases) {
      const response = await request(line);
      expect(response.status, line).toBe(status);
      const body = expectEntraError(
        response.body,
        response.headers['request-id'] ?? null,
        'invalid_request',
        9002313,
      );
      expect(body.error_description).toContain(detail);
    }
  });

  it('answers an over-long tenant as an unknown one (AADSTS90002), not as a URI too long', async () => {
    const tenant = 't'.repeat(1_000);
    for (const line of [
      `GET /${tenant}/v2.0/.well-known/openid-configuration`,
      `POST /${tenant}/oauth2/v2.0/token`,
    ]) {
      const response = await request(line);
      expect(response.status, line.slice(0, 4)).toBe(400);
      const body = expectEntraError(
        response.body,
        response.headers['request-id'] ?? null,
        'invalid_tenant',
        90002,
      );
      expect(body.error_description).toContain(`Tenant '${tenant}' not found.`);
    }
  });

  /** Heads the HTTP parser refuses on the token endpoint: its status and the detail Entra's body gives. */
  const refusedHeads = (): Array<[string, number, string]> => [
    [
      `POST ${tokenPath} HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(17_000)}`,
      431,
      'The request headers are larger than the server accepts.',
    ],
    [
      `POST ${tokenPath} HTTP/1.1\r\nHost: localhost\r\nX-Bad: a\u0001b`,
      400,
      'The request is not valid HTTP.',
    ],
    [`BREW ${tokenPath} HTTP/1.1\r\nHost: localhost`, 400, 'The request is not valid HTTP.'],
  ];
  const expectRefusedInEntraBody = (response: RawResponse, status: number, detail: string) => {
    expect(response.status, response.body).toBe(status);
    const body = expectEntraError(
      response.body,
      response.headers['request-id'] ?? null,
      'invalid_request',
      9002313,
    );
    expect(body.error_description).toContain(detail);
  };

  it('answers heads the HTTP parser refuses on an identity path (431, 400) in Entra body over HTTP', async () => {
    for (const [head, status, detail] of refusedHeads()) {
      expectRefusedInEntraBody(await rawRequest(port, head), status, detail);
    }
  });

  // A head over 16 KiB reaches the parser in several TLS records, the refused one without the request line: its 431
  // cannot be told apart and keeps Graph's body (README), so HTTPS is checked with the heads that fit in one.
  it('answers heads the HTTP parser refuses on an identity path (400) in Entra body over HTTPS', async () => {
    for (const [head, status, detail] of refusedHeads().filter(([, status]) => status !== 431)) {
      const response = await rawRequest(harness.host.httpsPort ?? 0, head, harness.tls.ca ?? '');
      expectRefusedInEntraBody(response, status, detail);
    }
  });

  it('keeps Graph body for the same requests on Graph paths', async () => {
    const cases: Array<[string, string, number, string]> = [
      [`PROPFIND ${graphPath}`, '', 404, 'NotFound'],
      ['PROPFIND /v1.0/oauth2/v2.0/token', '', 404, 'NotFound'],
      // An absolute-form target is read as the router reads it: no dot segment resolved, so this is under /v1.0.
      ['PROPFIND http://localhost/v1.0/../common/discovery/keys', '', 404, 'NotFound'],
      ['GET /beta/deviceManagement/managedDevices/tok%E0%A4%A', '', 400, 'BadRequest'],
      [`GET ${graphPath}`, `X-Big: ${'a'.repeat(20_000)}\r\n`, 431, 'RequestHeaderFieldsTooLarge'],
      [`GET ${graphPath}`, 'X-Bad: a\u0001b\r\n', 400, 'BadRequest'],
    ];
    for (const [line, headers, status, code] of cases) {
      const response = await request(line, headers);
      expect(response.status, line).toBe(status);
      const body = JSON.parse(response.body) as Record<string, unknown>;
      expect(body, line).toMatchObject({
        error: { code, innerError: { 'request-id': response.headers['request-id'] } },
      });
      expect(body).not.toHaveProperty('error_codes');
    }
  });

  it("answers unknown paths under the app's own prefixes in Graph body, whatever their second segment", async () => {
    // Through fetch: the static files' route gives up on a client that half-closes its socket, as rawRequest does.
    for (const path of [
      '/assets/oauth2/x.js',
      '/sim/discovery',
      '/docs/v2.0/x',
      '/health/oauth2',
      '/devices/oauth2',
    ]) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      expect(response.status, path).toBe(404);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body, path).toMatchObject({ error: { code: 'NotFound' } });
      expect(body).not.toHaveProperty('error_codes');
    }
  });

  it("names an unrouted path in Graph's NotFound without the secrets its query carried", async () => {
    // Under a first segment of mdmsim's own (a first segment no route has is Graph's "Invalid version.").
    const response = await request('PROPFIND /health/nothere?client_secret=hidden&$top=1');
    expect(response.status).toBe(404);
    const body = JSON.parse(response.body) as { error: { message: string } };
    expect(body.error.message).toBe('No route for PROPFIND /health/nothere?client_secret=[redacted]&$top=1.');
  });
});
