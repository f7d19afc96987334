// The signing key outlives a restart when kept in the data dir; app registrations load from a file and are checked.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT_ID, defaultApp, loadAppsFile } from '../../server/identity/app-registrations.js';
import { TokenService } from '../../server/identity/token-service.js';

describe('token signing key and app registrations', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mdmsim-keys-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('a token issued before a restart still verifies after it; a key kept nowhere does not', async () => {
    const keyFile = join(dir, 'identity', 'signing-key.json');
    const before = new TokenService(DEFAULT_TENANT_ID, keyFile);
    const { accessToken } = await before.issueGraphToken(defaultApp());
    expect(((await stat(keyFile)).mode & 0o777).toString(8)).toBe('600');
    const after = new TokenService(DEFAULT_TENANT_ID, keyFile);
    await expect(after.verifyGraphToken(accessToken)).resolves.toMatchObject({ tenantId: DEFAULT_TENANT_ID });
    const elsewhere = new TokenService(DEFAULT_TENANT_ID);
    await expect(elsewhere.verifyGraphToken(accessToken)).rejects.toThrow('Access token validation failure.');
  });

  it('loads an apps file and names what is wrong in a bad one', async () => {
    const good = join(dir, 'apps.yaml');
    await writeFile(
      good,
      'apps:\n  - clientId: 11111111-2222-4333-8444-555555555555\n    clientSecret: a-secret-of-enough-length\n    permissions: [DeviceManagementManagedDevices.Read.All]\n',
    );
    const [app] = await loadAppsFile(good);
    expect(app).toMatchObject({
      clientId: '11111111-2222-4333-8444-555555555555',
      displayName: 'mdmsim app 1',
    });
    const bad = join(dir, 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({ apps: [{ clientId: 'x', clientSecret: 'short', permissions: ['Everything'] }] }),
    );
    await expect(loadAppsFile(bad)).rejects.toThrow(
      /apps\.0\.clientId[\s\S]*apps\.0\.clientSecret[\s\S]*apps\.0\.permissions/,
    );
  });
});
