// A Graph access token from the server's Entra look-alike, as a daemon app gets one (client credentials, secret).
import { expect } from 'vitest';

export async function clientCredentialsToken(
  baseUrl: string,
  tenantId: string,
  app: { clientId: string; clientSecret: string },
): Promise<string> {
  const response = await fetch(`${baseUrl}/${tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}
