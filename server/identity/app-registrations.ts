// The tenant and the app registrations (client id, secret, application permissions) mdmsim's Entra look-alike knows.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { randomToken } from '../../lib/random-token.js';
import { randomUuid } from '../../lib/random-uuid.js';
import { Permission } from '../graph/permissions.js';

/** mdmsim's tenant when MDMSIM_TENANT_ID is unset: fixed, so scripts and docs can name it. */
export const DEFAULT_TENANT_ID = '6d6d7369-6d00-4d00-8000-000000000001';
/** Microsoft Graph's well-known application id, one of the audiences Graph accepts. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
/** What the default app holds: enough to list devices and remove passcodes. */
export const DEFAULT_APP_PERMISSIONS: readonly Permission[] = [
  Permission.ManagedDevicesRead,
  Permission.ManagedDevicesPrivileged,
];

export interface AppRegistration {
  clientId: string;
  clientSecret: string;
  displayName: string;
  /** Application permissions (app roles on Microsoft Graph) granted with admin consent. */
  permissions: readonly Permission[];
  /** Certificates (PEM) whose keys may sign a client assertion instead of sending the secret. */
  certificates?: readonly string[];
}

export interface IdentityConfig {
  tenantId: string;
  apps: readonly AppRegistration[];
  /** Domain names that name the tenant too, as a verified domain does in Entra (the admin's UPN domain). */
  domains?: readonly string[];
  /** Where the token signing key is kept (JWK, mode 0600); in memory only when absent. */
  signingKeyFile?: string;
}

const PermissionName = z.enum(Object.values(Permission) as [Permission, ...Permission[]]);

export const AppRegistrationSpec = z.strictObject({
  clientId: z.uuid(),
  clientSecret: z.string().min(16, 'must be at least 16 characters'),
  displayName: z.string().min(1).max(256).optional(),
  permissions: z.array(PermissionName),
  /** PEM certificates for client assertions (certificate credentials). */
  certificates: z.array(z.string().includes('-----BEGIN CERTIFICATE-----')).optional(),
});

export const AppsFile = z.strictObject({ apps: z.array(AppRegistrationSpec).min(1) });

/** Reads MDMSIM_APPS_FILE (JSON or YAML): `{ apps: [{ clientId, clientSecret, displayName?, permissions }] }`. */
export async function loadAppsFile(path: string): Promise<AppRegistration[]> {
  const text = await readFile(path, 'utf8');
  const parsed = AppsFile.safeParse(parseYaml(text));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid apps file ${path}:\n${lines.join('\n')}`);
  }
  return parsed.data.apps.map((app, index) => ({
    ...app,
    displayName: app.displayName ?? `mdmsim app ${index + 1}`,
  }));
}

/** The one app of a server started without an apps file. */
export function defaultApp(clientId?: string, clientSecret?: string): AppRegistration {
  return {
    clientId: clientId ?? randomUuid(),
    clientSecret: clientSecret ?? randomToken(30),
    displayName: 'mdmsim default app',
    permissions: DEFAULT_APP_PERMISSIONS,
  };
}

/** The domain of a user principal name (`admin@contoso.onmicrosoft.com`: `contoso.onmicrosoft.com`), if it has one. */
export function upnDomains(upn: string): string[] {
  const at = upn.lastIndexOf('@');
  return at > 0 && at < upn.length - 1 ? [upn.slice(at + 1)] : [];
}
