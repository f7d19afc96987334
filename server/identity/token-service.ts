// Signs Graph access tokens like Entra ID's app-only v1 tokens and checks them for Graph, with one RS256 key pair.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  calculateJwkThumbprint,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { randomUuid } from '../../lib/random-uuid.js';
import { HttpError } from '../http-error.js';
import { type AppRegistration, GRAPH_APP_ID, GRAPH_RESOURCE } from './app-registrations.js';

/** Entra's app-only tokens live 60 to 90 minutes; MSAL refreshes them five minutes before expiry. */
export const TOKEN_LIFETIME_SECONDS = 3599;
/** Graph tolerates five minutes of clock skew between Entra and itself. */
const CLOCK_TOLERANCE_SECONDS = 300;

export interface VerifiedToken {
  appId: string;
  tenantId: string;
  roles: readonly string[];
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

interface SigningMaterial {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK & { kid: string };
}

export class TokenService {
  private material: Promise<SigningMaterial> | undefined;

  /**
   * The key pair is made (or read from `keyFile`, so tokens outlive a restart) on first use, not at start: an RSA key
   * costs real CPU, and most servers (tests, scenarios) never issue a token.
   */
  constructor(
    readonly tenantId: string,
    private readonly keyFile?: string,
  ) {}

  private signing(): Promise<SigningMaterial> {
    if (this.material) return this.material;
    const material = (async () => {
      const { privateKey, publicKey } = await signingKeys(this.keyFile);
      const jwk = await exportJWK(publicKey);
      return { privateKey, publicKey, publicJwk: { ...jwk, kid: await calculateJwkThumbprint(jwk) } };
    })();
    this.material = material;
    // A failure (a key file someone broke after the start's check) is not kept: the next request tries again.
    material.catch(() => {
      if (this.material === material) this.material = undefined;
    });
    return material;
  }

  /** The issuer Entra writes into v1 access tokens for Graph (not the v2 discovery issuer). */
  get accessTokenIssuer(): string {
    return `https://sts.windows.net/${this.tenantId}/`;
  }

  /** The signing keys document (jwks_uri): Entra's shape, with use "sig". */
  async keys() {
    const { kid, kty, n, e } = (await this.signing()).publicJwk;
    return { keys: [{ kty, use: 'sig', kid, x5t: kid, n, e, alg: 'RS256', issuer: this.accessTokenIssuer }] };
  }

  async issueGraphToken(app: AppRegistration, now = Date.now()): Promise<IssuedToken> {
    const { privateKey, publicJwk } = await this.signing();
    const issuedAt = Math.floor(now / 1000);
    const objectId = randomUuid();
    const accessToken = await new SignJWT({
      aud: GRAPH_RESOURCE,
      iss: this.accessTokenIssuer,
      idp: this.accessTokenIssuer,
      app_displayname: app.displayName,
      appid: app.clientId,
      appidacr: '1',
      idtyp: 'app',
      oid: objectId,
      roles: [...app.permissions],
      sub: objectId,
      tid: this.tenantId,
      uti: randomUuid().replaceAll('-', ''),
      ver: '1.0',
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: publicJwk.kid, x5t: publicJwk.kid })
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt)
      .setExpirationTime(issuedAt + TOKEN_LIFETIME_SECONDS)
      .sign(privateKey);
    return { accessToken, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  /**
   * Graph's checks on a bearer token, on the real clock (the simulated clock never expires a script's token):
   * signature by this tenant's key, issuer, audience, lifetime. Failures carry Graph's 401 messages.
   */
  async verifyGraphToken(token: string): Promise<VerifiedToken> {
    if (token.split('.').length !== 3) {
      throw invalidToken('IDX14100: JWT is not well formed, there are no dots (.).');
    }
    const { publicKey } = await this.signing();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, publicKey, {
        algorithms: ['RS256'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw invalidToken('Lifetime validation failed, the token is expired.');
      }
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') {
        throw invalidToken('Lifetime validation failed, the token is not yet valid.');
      }
      throw invalidToken('Access token validation failure.');
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.some((aud) => aud === GRAPH_RESOURCE || aud === GRAPH_APP_ID)) {
      throw invalidToken('Access token validation failure. Invalid audience.');
    }
    if (payload.iss !== this.accessTokenIssuer || payload.tid !== this.tenantId) {
      throw invalidToken('Access token validation failure. Invalid issuer.');
    }
    if (payload.exp === undefined) throw invalidToken('Access token validation failure.');
    const appId = typeof payload.appid === 'string' ? payload.appid : undefined;
    if (!appId) throw invalidToken('Access token validation failure.');
    const roles = Array.isArray(payload.roles)
      ? payload.roles.filter((role): role is string => typeof role === 'string')
      : [];
    return { appId, tenantId: this.tenantId, roles };
  }
}

type KeyPair = { privateKey: CryptoKey; publicKey: CryptoKey };

/** Where MDMSIM_DATA_DIR keeps the token signing key (a private JWK, owner-only). */
export const signingKeyFileOf = (dataDir: string) => join(dataDir, 'identity', 'signing-key.json');

/**
 * The key pair kept in `keyFile`, or null when there is none yet. A file that holds no usable key is an error naming
 * it (the server's start checks it, so a broken file stops the start instead of failing every token later).
 */
export async function readSigningKeys(keyFile: string): Promise<KeyPair | null> {
  const stored = await readFile(keyFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (stored === null) return null;
  try {
    const jwk = JSON.parse(stored) as JWK;
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
    return {
      privateKey: (await importJWK(jwk, 'RS256', { extractable: true })) as CryptoKey,
      publicKey: (await importJWK(publicJwk, 'RS256', { extractable: true })) as CryptoKey,
    };
  } catch (error) {
    throw new Error(
      `${keyFile} holds no usable token signing key (${(error as Error).message}); delete it, and a new key is made at the next token request (tokens issued with the old one are then refused)`,
    );
  }
}

async function signingKeys(keyFile: string | undefined): Promise<KeyPair> {
  const kept = keyFile ? await readSigningKeys(keyFile) : null;
  if (kept) return kept;
  const pair = await generateKeyPair('RS256', { extractable: true });
  if (keyFile) {
    await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
    await writeFile(`${keyFile}.tmp`, JSON.stringify(await exportJWK(pair.privateKey)), { mode: 0o600 });
    await rename(`${keyFile}.tmp`, keyFile);
  }
  return pair;
}

const invalidToken = (message: string) => new HttpError(401, 'InvalidAuthenticationToken', message);
