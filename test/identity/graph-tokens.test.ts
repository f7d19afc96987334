// Entra's token endpoint answers like Entra, and Graph checks every token and permission like Graph, on real sockets.
import { randomUUID, X509Certificate } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT_ID } from '../../server/identity/app-registrations.js';
import { batchedResetPasscode } from '../../shared/graph/batch-request.js';
import { type IdentityHarness, startIdentityHarness } from './identity-harness.js';

describe('Entra look-alike and Graph token checks', () => {
  let harness: IdentityHarness;
  let base: string;
  beforeAll(async () => {
    harness = await startIdentityHarness({ devices: 3 });
    base = harness.host.url;
  });
  afterAll(() => harness?.close());

  const tokenRequest = (form: Record<string, string>, tenant = DEFAULT_TENANT_ID) =>
    fetch(`${base}/${tenant}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams(form) });
  const tokenFor = async (app: { clientId: string; clientSecret: string }) => {
    const response = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBeGreaterThan(3000);
    return body.access_token;
  };
  const graph = (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${base}/v1.0${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
    });

  it('answers a bad token request with Entra error bodies', async () => {
    const { operator } = harness;
    const good = {
      grant_type: 'client_credentials',
      client_id: operator.clientId,
      client_secret: operator.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    };
    const cases: Array<[Record<string, string>, string, number, string, number]> = [
      [
        { ...good, client_secret: 'not-the-secret-at-all' },
        DEFAULT_TENANT_ID,
        401,
        'invalid_client',
        7000215,
      ],
      [{ ...good, client_id: randomUUID() }, DEFAULT_TENANT_ID, 400, 'unauthorized_client', 700016],
      [{ ...good, grant_type: 'password' }, DEFAULT_TENANT_ID, 400, 'unsupported_grant_type', 70003],
      [{ ...good, scope: 'openid' }, DEFAULT_TENANT_ID, 400, 'invalid_scope', 1002012],
      [
        { ...good, scope: 'https://management.azure.com/.default' },
        DEFAULT_TENANT_ID,
        400,
        'invalid_resource',
        500011,
      ],
      [
        { grant_type: 'client_credentials', client_id: operator.clientId, scope: good.scope },
        DEFAULT_TENANT_ID,
        401,
        'invalid_client',
        7000216,
      ],
      [good, randomUUID(), 400, 'invalid_tenant', 90002],
    ];
    for (const [form, tenant, status, error, code] of cases) {
      const response = await tokenRequest(form, tenant);
      expect(response.status, JSON.stringify(form)).toBe(status);
      const body = (await response.json()) as {
        error: string;
        error_codes: number[];
        error_description: string;
      };
      expect(body.error).toBe(error);
      expect(body.error_codes).toEqual([code]);
      expect(body.error_description).toMatch(
        new RegExp(`^AADSTS${code}: .+ Trace ID: .+ Correlation ID: .+`),
      );
      expect(body.error_description).not.toContain(operator.clientSecret);
    }
  });

  it('refuses a client assertion not signed by the registered certificate key (AADSTS700027)', async () => {
    const { certified } = harness;
    const cert = new X509Certificate(certified.certificates?.[0] ?? '');
    const thumbprint = Buffer.from(cert.fingerprint256.replaceAll(':', ''), 'hex').toString('base64url');
    const { privateKey } = await generateKeyPair('PS256');
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: 'PS256', 'x5t#S256': thumbprint })
      .setIssuer(certified.clientId)
      .setSubject(certified.clientId)
      .setAudience(`${base}/${DEFAULT_TENANT_ID}/oauth2/v2.0/token`)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(privateKey);
    const response = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: certified.clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client', error_codes: [700027] });
  });

  it('publishes discovery with the origin the client called, and the keys that sign its tokens', async () => {
    const discovery = (await (
      await fetch(`${base}/${DEFAULT_TENANT_ID}/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(discovery.issuer).toBe(`${base}/${DEFAULT_TENANT_ID}/v2.0`);
    expect(discovery.token_endpoint).toBe(`${base}/${DEFAULT_TENANT_ID}/oauth2/v2.0/token`);
    const keys = (await (await fetch(discovery.jwks_uri ?? '')).json()) as { keys: Array<{ kid: string }> };
    const token = await tokenFor(harness.operator);
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as {
      kid: string;
    };
    expect(keys.keys.map((key) => key.kid)).toContain(header.kid);
    const instance = (await (
      await fetch(
        `${base}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${base}/${DEFAULT_TENANT_ID}/oauth2/v2.0/authorize`)}`,
      )
    ).json()) as { tenant_discovery_endpoint: string };
    expect(instance.tenant_discovery_endpoint).toBe(
      `${base}/${DEFAULT_TENANT_ID}/v2.0/.well-known/openid-configuration`,
    );
  });

  it('refuses expired, foreign-signed and malformed tokens with 401 and a WWW-Authenticate challenge', async () => {
    const service = harness.host.app.identity.tokens;
    const expired = await service.issueGraphToken(harness.operator, Date.now() - 2 * 3600_000);
    const { privateKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const foreign = await new SignJWT({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${DEFAULT_TENANT_ID}/`,
      tid: DEFAULT_TENANT_ID,
      appid: harness.operator.clientId,
      roles: ['DeviceManagementManagedDevices.PrivilegedOperations.All'],
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'someone-else' })
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(privateKey);
    const cases: Array<[string | null, string]> = [
      [expired.accessToken, 'Lifetime validation failed, the token is expired.'],
      [foreign, 'Access token validation failure.'],
      ['not-a-jwt', 'IDX14100: JWT is not well formed, there are no dots (.).'],
      [null, 'Access token is empty.'],
    ];
    for (const [token, message] of cases) {
      const response = await fetch(`${base}/v1.0/deviceManagement/managedDevices`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(
        /^Bearer realm="", authorization_uri=".+\/common\/oauth2\/authorize", client_id="00000003-0000-0000-c000-000000000000"$/,
      );
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error).toMatchObject({ code: 'InvalidAuthenticationToken', message });
    }
  });

  it('keeps a token valid when the simulated clock jumps ahead (expiry is on the real clock)', async () => {
    const token = await tokenFor(harness.operator);
    harness.host.app.services.clock.advance(3 * 86_400_000);
    expect((await graph('/deviceManagement/managedDevices', token)).status).toBe(200);
  });

  it('checks the permission each call needs, also inside $batch; the admin token keeps working', async () => {
    const reader = await tokenFor(harness.reader);
    const [deviceId] = harness.deviceIds;
    expect((await graph('/deviceManagement/managedDevices', reader)).status).toBe(200);
    expect((await graph(`/deviceManagement/managedDevices/${deviceId}`, reader)).status).toBe(200);
    const refused = await graph(`/deviceManagement/managedDevices/${deviceId}/resetPasscode`, reader, {
      method: 'POST',
    });
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { error: { code: string; message: string; innerError: object } };
    expect(body.error.code).toBe('Forbidden');
    // Intune raises it: its document, serialized, is the message.
    expect(JSON.parse(body.error.message).Message).toMatch(
      /^Application is not authorized to perform this operation\. Application must have one of the following scopes: DeviceManagementManagedDevices\.PrivilegedOperations\.All - /,
    );
    expect(body.error.innerError).toHaveProperty('request-id');

    const batch = await graph('/$batch', reader, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: [
          { id: '1', method: 'GET', url: `/deviceManagement/managedDevices/${deviceId}` },
          batchedResetPasscode('2', deviceId),
        ],
      }),
    });
    expect(batch.status).toBe(200);
    const { responses } = (await batch.json()) as { responses: Array<{ id: string; status: number }> };
    expect(responses.find((item) => item.id === '1')?.status).toBe(200);
    expect(responses.find((item) => item.id === '2')?.status).toBe(403);

    const admin = harness.host.config.adminToken;
    expect((await graph('/deviceManagement/managedDevices', admin)).status).toBe(200);
  });

  it('accepts Content-Type: application/json with no body on a Graph POST (204), as Graph does', async () => {
    const operator = await tokenFor(harness.operator);
    const deviceId = harness.deviceIds[1];
    const response = await graph(`/deviceManagement/managedDevices/${deviceId}/resetPasscode`, operator, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(204);
    // Outside Graph, an empty JSON body is still refused as before.
    const sim = await fetch(`${base}/sim/devices/${deviceId}/input`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${harness.host.config.simToken}`,
      },
    });
    expect(sim.status).toBe(400);
  });
});
