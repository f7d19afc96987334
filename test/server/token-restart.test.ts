// A token the server issued still works after the server restarts with the same data folder (the README's promise):
// MSAL and @azure/identity keep a token for its hour and the Graph SDKs do not retry a 401.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT_ID } from '../../server/identity/app-registrations.js';
import { listeningUrls, startServerProcess } from '../support/server-process.js';

const CLIENT_ID = '0b0c8d1e-2f3a-4b5c-8d6e-7f8091a2b3c4';
const CLIENT_SECRET = 'token-restart-test-secret';
const app = { MDMSIM_CLIENT_ID: CLIENT_ID, MDMSIM_CLIENT_SECRET: CLIENT_SECRET };

/** A client-credentials token from the server's Entra look-alike, over HTTPS with the server's own CA. */
function clientCredentialsToken(httpsUrl: string, ca: string): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    scope: 'https://graph.microsoft.com/.default',
  }).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      `${httpsUrl}/${DEFAULT_TENANT_ID}/oauth2/v2.0/token`,
      { method: 'POST', ca, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          const token = (JSON.parse(text) as { access_token?: string }).access_token;
          if (res.statusCode === 200 && token) resolve(token);
          else reject(new Error(`token endpoint answered ${res.statusCode}: ${text}`));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const devicesWith = (httpUrl: string, token: string) =>
  fetch(`${httpUrl}/v1.0/deviceManagement/managedDevices`, { headers: { authorization: `Bearer ${token}` } });

describe('a token across a server restart', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'mdmsim-token-restart-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('is still accepted by the restarted server, whose signing key is kept in the data folder, owner-only', async () => {
    const first = startServerProcess(app, folder);
    const before = await listeningUrls(first);
    const token = await clientCredentialsToken(
      before.https,
      await readFile(join(folder, 'tls', 'ca.pem'), 'utf8'),
    );
    expect((await devicesWith(before.http, token)).status).toBe(200);
    first.child.kill('SIGTERM');
    await first.exited;

    const keyFile = await stat(join(folder, 'identity', 'signing-key.json'));
    expect(keyFile.mode & 0o777).toBe(0o600);
    const second = startServerProcess(app, folder);
    const after = await listeningUrls(second);
    expect((await devicesWith(after.http, token)).status).toBe(200);
    second.child.kill('SIGTERM');
    await second.exited;
  }, 60_000);

  it('refuses to start, naming the file, when the kept signing key is no key', async () => {
    await mkdir(join(folder, 'identity'), { recursive: true });
    await writeFile(join(folder, 'identity', 'signing-key.json'), '{"kty":"RSA"');
    const server = startServerProcess(app, folder);
    const { code } = await server.exited;
    expect(code).toBe(2);
    expect(server.output()).toContain('signing-key.json holds no usable token signing key');
    expect(server.output()).toContain('MDMSIM_DATA_DIR');
  }, 60_000);
});
