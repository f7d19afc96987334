// Certificate credentials: a client assertion (a JWT signed with the app's certificate key) instead of a secret.
import { X509Certificate } from 'node:crypto';
import { decodeProtectedHeader, errors, importX509, jwtVerify } from 'jose';
import type { AppRegistration } from './app-registrations.js';
import {
  assertionOutOfTime,
  assertionWrongAudience,
  assertionWrongClient,
  badAssertionSignature,
  type EntraError,
} from './entra-errors.js';

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const ALGORITHMS = new Set(['RS256', 'PS256']);

/** The registered certificate the assertion names by its x5t (SHA-1) or x5t#S256 thumbprint. */
function namedCertificate(app: AppRegistration, header: Record<string, unknown>): string | undefined {
  const sha1 = typeof header.x5t === 'string' ? header.x5t : undefined;
  const sha256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
  const thumbprint = (fingerprint: string) =>
    Buffer.from(fingerprint.replaceAll(':', ''), 'hex').toString('base64url');
  return (app.certificates ?? []).find((pem) => {
    const cert = new X509Certificate(pem);
    return (
      (sha1 && thumbprint(cert.fingerprint) === sha1) ||
      (sha256 && thumbprint(cert.fingerprint256) === sha256)
    );
  });
}

/** Entra's checks on a client assertion (MSAL's shape: iss = sub = client id, aud = the token endpoint). */
export async function checkClientAssertion(
  assertion: string,
  app: AppRegistration,
  tokenEndpoint: string,
): Promise<EntraError | null> {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(assertion) as Record<string, unknown>;
  } catch {
    return badAssertionSignature();
  }
  const algorithm = typeof header.alg === 'string' ? header.alg : '';
  const pem = ALGORITHMS.has(algorithm) ? namedCertificate(app, header) : undefined;
  if (!pem) return badAssertionSignature();
  try {
    const key = await importX509(pem, algorithm);
    const { payload } = await jwtVerify(assertion, key, { algorithms: [algorithm], clockTolerance: 300 });
    if (payload.iss !== app.clientId || payload.sub !== app.clientId) return assertionWrongClient();
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.includes(tokenEndpoint)) return assertionWrongAudience();
    if (payload.exp === undefined) return assertionOutOfTime();
    return null;
  } catch (error) {
    if (error instanceof errors.JWTExpired || error instanceof errors.JWTClaimValidationFailed) {
      return assertionOutOfTime();
    }
    return badAssertionSignature();
  }
}
