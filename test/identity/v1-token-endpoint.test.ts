// Azure AD's v1 token endpoint (`resource`, numbers as strings) and tenants named by a verified domain, on real sockets.
import { createPrivateKey, randomUUID, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT_ID } from '../../server/identity/app-registrations.js';
import { type IdentityHarness, startIdentityHarness } from './identity-harness.js';

/** The test host's admin UPN is admin@contoso.onmicrosoft.com (server/host.ts), so its domain names the tenant. */
const TENANT_DOMAIN = 'contoso.onmicrosoft.com';

describe('Entra look-alike: the v1 token endpoint and domain-named tenants', () => {
  let harness: IdentityHarness;
  let base: string;
  beforeAll(async () => {
    harness = await startIdentityHarness({ devices: 1 });
    base = harness.host.url;
  });
  afterAll(() => harness?.close());

  const post = (path: string, form: Record<string, string>) =>
    fetch(`${base}${path}`, { method: 'POST', body: new URLSearchParams(form) });
  const operatorForm = () => ({
    grant_type: 'client_credentials',
    client_id: harness.operator.clientId,
    client_secret: harness.operator.clientSecret,
  });
  const managedDevices = (token: string) =>
    fetch(`${base}/v1.0/deviceManagement/managedDevices?$select=id`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it('issues a Graph token for `resource`, in v1 form: numbers as strings, expires_on, not_before, the resource', async () => {
    const before = Math.floor(Date.now() / 1000);
    const response = await post(`/${DEFAULT_TENANT_ID}/oauth2/token`, {
      ...operatorForm(),
      resource: 'https://graph.microsoft.com/',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store, no-cache');
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      [
        'access_token',
        'expires_in',
        'expires_on',
        'ext_expires_in',
        'not_before',
        'resource',
        'token_type',
      ].sort(),
    );
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: expect.stringMatching(/^\d+$/),
      ext_expires_in: expect.stringMatching(/^\d+$/),
      resource: 'https://graph.microsoft.com/',
    });
    const notBefore = Number(body.not_before);
    expect(notBefore).toBeGreaterThanOrEqual(before);
    expect(Number(body.expires_on)).toBe(notBefore + Number(body.expires_in));
    expect((await managedDevices(String(body.access_token))).status).toBe(200);
  });

  it("takes Graph's app id as the resource too, and refuses another resource or none as Entra does", async () => {
    const byAppId = await post(`/${DEFAULT_TENANT_ID}/oauth2/token`, {
      ...operatorForm(),
      resource: '00000003-0000-0000-c000-000000000000',
    });
    expect(byAppId.status).toBe(200);
    const other = await post(`/${DEFAULT_TENANT_ID}/oauth2/token`, {
      ...operatorForm(),
      resource: 'https://management.azure.com/',
    });
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ error: 'invalid_resource', error_codes: [500011] });
    const none = await post(`/${DEFAULT_TENANT_ID}/oauth2/token`, operatorForm());
    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({ error: 'invalid_request', error_codes: [900144] });
  });

  it('checks the client as the v2 endpoint does: a wrong secret is 401, a GET is AADSTS900561', async () => {
    const wrong = await post(`/${DEFAULT_TENANT_ID}/oauth2/token`, {
      ...operatorForm(),
      client_secret: 'not-the-secret-at-all',
      resource: 'https://graph.microsoft.com',
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    const get = await fetch(`${base}/${DEFAULT_TENANT_ID}/oauth2/token`);
    expect(get.status).toBe(400);
    expect(await get.json()).toMatchObject({ error_codes: [900561] });
  });

  it("accepts a certificate's client assertion addressed to the v1 endpoint, and not one addressed to v2", async () => {
    const { certified } = harness;
    const pem = await readFile(certified.certificatePath, 'utf8');
    const key = createPrivateKey(
      /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(pem)?.[0] ?? '',
    );
    const cert = new X509Certificate(certified.certificates?.[0] ?? '');
    const thumbprint = Buffer.from(cert.fingerprint256.replaceAll(':', ''), 'hex').toString('base64url');
    const assertionFor = async (audience: string) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ jti: randomUUID() })
        .setProtectedHeader({ alg: 'PS256', 'x5t#S256': thumbprint })
        .setIssuer(certified.clientId)
        .setSubject(certified.clientId)
        .setAudience(audience)
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(key);
    };
    const form = async (audience: string) => ({
      grant_type: 'client_credentials',
      client_id: certified.clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await assertionFor(audience),
      resource: 'https://graph.microsoft.com',
    });
    const v1 = `${base}/${DEFAULT_TENANT_ID}/oauth2/token`;
    expect((await post(`/${DEFAULT_TENANT_ID}/oauth2/token`, await form(v1))).status).toBe(200);
    const misaddressed = await post(
      `/${DEFAULT_TENANT_ID}/oauth2/token`,
      await form(`${base}/${DEFAULT_TENANT_ID}/oauth2/v2.0/token`),
    );
    expect(misaddressed.status).toBe(401);
  });

  it('takes the tenant by its domain on both endpoints; the token still names the tenant id', async () => {
    const v2 = await post(`/${TENANT_DOMAIN.toUpperCase()}/oauth2/v2.0/token`, {
      ...operatorForm(),
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(v2.status).toBe(200);
    const { access_token: token } = (await v2.json()) as { access_token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      tid: string;
    };
    expect(claims.tid).toBe(DEFAULT_TENANT_ID);
    expect((await managedDevices(token)).status).toBe(200);
    const v1 = await post(`/${TENANT_DOMAIN}/oauth2/token`, {
      ...operatorForm(),
      resource: 'https://graph.microsoft.com',
    });
    expect(v1.status).toBe(200);
    const discovery = await fetch(`${base}/${TENANT_DOMAIN}/v2.0/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    expect(((await discovery.json()) as { issuer: string }).issuer).toBe(`${base}/${DEFAULT_TENANT_ID}/v2.0`);
    const unknown = await post('/fabrikam.onmicrosoft.com/oauth2/v2.0/token', {
      ...operatorForm(),
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: 'invalid_tenant', error_codes: [90002] });
  });
});
