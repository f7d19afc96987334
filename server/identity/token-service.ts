// Signs Graph access tokens like Entra ID's app-only v1 tokens and checks them for Graph, with one RS256 key pair.
import { randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  errors,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
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

export class TokenService {
  private constructor(
    readonly tenantId: string,
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    private readonly publicJwk: JWK & { kid: string },
  ) {}

  static async create(tenantId: string): Promise<TokenService> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    return new TokenService(tenantId, privateKey, publicKey, { ...jwk, kid });
  }

  /** The issuer Entra writes into v1 access tokens for Graph (not the v2 discovery issuer). */
  get accessTokenIssuer(): string {
    return `https://sts.windows.net/${this.tenantId}/`;
  }

  /** The signing keys document (jwks_uri): Entra's shape, with use "sig". */
  keys() {
    const { kid, kty, n, e } = this.publicJwk;
    return { keys: [{ kty, use: 'sig', kid, x5t: kid, n, e, alg: 'RS256', issuer: this.accessTokenIssuer }] };
  }

  async issueGraphToken(app: AppRegistration, now = Date.now()): Promise<IssuedToken> {
    const issuedAt = Math.floor(now / 1000);
    const objectId = randomUUID();
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
      uti: randomUUID().replaceAll('-', ''),
      ver: '1.0',
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.publicJwk.kid, x5t: this.publicJwk.kid })
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt)
      .setExpirationTime(issuedAt + TOKEN_LIFETIME_SECONDS)
      .sign(this.privateKey);
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
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.publicKey, {
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

const invalidToken = (message: string) => new HttpError(401, 'InvalidAuthenticationToken', message);
