// The Entra ID look-alike at mdmsim's own origin: OpenID discovery, signing keys, instance discovery, token endpoint.
import type { FastifyError, FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sameSecret } from '../../lib/same-secret.js';
import { HttpError } from '../http-error.js';
import { requestOrigin, requireWellFormedHost } from '../request-origin.js';
import {
  type AppRegistration,
  GRAPH_APP_ID,
  GRAPH_RESOURCE,
  type IdentityConfig,
} from './app-registrations.js';
import { checkClientAssertion, JWT_BEARER_ASSERTION } from './client-assertion.js';
import {
  answerEntraError,
  type EntraError,
  EntraRejection,
  invalidScope,
  malformedRequest,
  missingCredential,
  missingParameter,
  serverError,
  unknownClient,
  unknownResource,
  unknownTenant,
  unsupportedGrant,
  wrongMethod,
  wrongSecret,
} from './entra-errors.js';
import { IDENTITY_ENDPOINTS } from './identity-paths.js';
import { type IssuedToken, TokenService } from './token-service.js';

export interface IdentityService {
  readonly tenantId: string;
  /** The tenant's verified domains (lower case), by which a request may name it instead of its id. */
  readonly domains: ReadonlySet<string>;
  readonly apps: readonly AppRegistration[];
  readonly tokens: TokenService;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The Entra look-alike: tenant, app registrations and the key that signs and checks Graph tokens. */
    identity: IdentityService;
  }
}

/** Tenants that name no directory: fine for discovery, not for an app-only token. */
const MULTI_TENANT_ALIASES = new Set(['common', 'organizations', 'consumers']);

/** Any length: an over-long tenant is one Entra does not know (AADSTS90002), like any other. */
const TenantParams = z.object({ tenant: z.string().min(1) });
const FORM_BODY_LIMIT = 65_536;
const FormValue = z.string().max(16_384).optional();
/** Null when the request has no body. */
const TokenRequest = z
  .looseObject({
    grant_type: FormValue,
    client_id: FormValue,
    client_secret: FormValue,
    client_assertion: FormValue,
    client_assertion_type: FormValue,
    scope: FormValue,
    /** The v1 endpoint's name for what v2 asks as a scope: the resource's URI or app id. */
    resource: FormValue,
  })
  .nullish();
const InstanceDiscoveryQuery = z.looseObject({
  'api-version': z.string().max(16).optional(),
  authorization_endpoint: z.string().max(2048).optional(),
});

/** client_secret_basic: `Authorization: Basic base64(client_id:client_secret)` (both form-url-encoded). */
function basicCredentials(header: string | undefined): { clientId: string; secret: string } | null {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header) : null;
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    return null;
  }
}

/** The Graph resource a client-credentials scope asks for, or the Entra error for a scope Entra refuses. */
function graphScope(scope: string, tenant: string): EntraError | null {
  const scopes = scope.split(' ').filter(Boolean);
  if (scopes.length === 0) return missingParameter('scope');
  for (const value of scopes) {
    if (!value.endsWith('/.default')) return invalidScope(value);
    const resource = value.slice(0, -'/.default'.length).replace(/\/+$/, '');
    if (resource !== GRAPH_RESOURCE && resource !== GRAPH_APP_ID) return unknownResource(resource, tenant);
  }
  return null;
}

/** The Graph resource a v1 `resource` parameter names (its URI, a trailing slash allowed, or its app id), or the error. */
function graphResource(resource: string | undefined, tenant: string): EntraError | null {
  if (!resource) return missingParameter('resource');
  const name = resource.replace(/\/+$/, '');
  return name === GRAPH_RESOURCE || name === GRAPH_APP_ID ? null : unknownResource(resource, tenant);
}

type TokenForm = NonNullable<z.output<typeof TokenRequest>>;

async function identityRoutes(app: FastifyInstance, service: IdentityService) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { tenantId, domains } = service;
  // Entra takes a tenant "in GUID or domain-name format" (the client credentials flow's `tenant` parameter).
  const knownTenant = (tenant: string) =>
    tenant.toLowerCase() === tenantId || domains.has(tenant.toLowerCase());

  // Whatever goes wrong here (Host, method, body, schema) is answered in Entra's body, not Graph's.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof EntraRejection) return answerEntraError(request, reply, error.failure);
    if (error instanceof HttpError) {
      return answerEntraError(request, reply, malformedRequest(error.statusCode, error.message));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      // Names the parameter, never its value (it may be a secret).
      const issue = error.validation[0];
      const name = issue?.instancePath.slice(1) || error.validationContext;
      const problem = issue?.keyword === 'too_big' ? 'is too long' : 'is not valid';
      return answerEntraError(request, reply, malformedRequest(400, `The value of '${name}' ${problem}.`));
    }
    const status = error.statusCode ?? 500;
    // An unreadable Content-Type is one more body without form parameters.
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' && request.method === 'POST') {
      return answerEntraError(request, reply, missingParameter('grant_type'));
    }
    if (status < 500) {
      const detail =
        error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? `The request body is larger than ${FORM_BODY_LIMIT} bytes.`
          : `${error.message.replace(/\.$/, '')}.`;
      return answerEntraError(request, reply, malformedRequest(status, detail));
    }
    request.log.error({ err: error }, 'identity request failed');
    return answerEntraError(request, reply, serverError());
  });

  // The discovery URLs are built from the Host header: refuse a missing or malformed one, as Graph does.
  app.addHook('onRequest', requireWellFormedHost);

  // Entra reads only form parameters; a body of any other type (JSON, text, multipart, none) has none.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: FORM_BODY_LIMIT }, (_request, _body, done) =>
    done(null, {}),
  );

  /**
   * Each identity URL answers OPTIONS (204 with Allow) and refuses every other method but `accepted` with Entra's
   * AADSTS900561, before reading a body.
   */
  const onlyAccepts = (url: string, accepted: 'GET' | 'POST') => {
    const allowed = accepted === 'GET' ? ['GET', 'HEAD', 'OPTIONS'] : ['POST', 'OPTIONS'];
    app.options(url, async (_request, reply) => reply.code(204).header('allow', allowed.join(', ')).send());
    const refuse = async (request: FastifyRequest) => {
      throw new EntraRejection(wrongMethod(`${accepted}, OPTIONS`, request.method));
    };
    app.route({
      method: app.supportedMethods.filter((method) => !allowed.includes(method)) as HTTPMethods[],
      url,
      exposeHeadRoute: false,
      onRequest: refuse,
      handler: refuse,
    });
  };

  api.get(
    '/:tenant/v2.0/.well-known/openid-configuration',
    { schema: { params: TenantParams } },
    async (request, reply) => {
      const { tenant } = request.params;
      if (!knownTenant(tenant) && !MULTI_TENANT_ALIASES.has(tenant)) {
        return answerEntraError(request, reply, unknownTenant(tenant));
      }
      const base = requestOrigin(request);
      const directory = knownTenant(tenant) ? tenantId : '{tenantid}';
      return {
        token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: [
          'client_secret_post',
          'private_key_jwt',
          'client_secret_basic',
        ],
        jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${base}/${directory}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${base}/oidc/userinfo`,
        authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'tid', 'ver'],
        tenant_region_scope: 'NA',
        cloud_instance_name: request.hostname,
        cloud_graph_host_name: request.hostname,
        msgraph_host: request.host,
        rbac_url: base,
      };
    },
  );

  const keys = async () => service.tokens.keys();
  api.get('/:tenant/discovery/v2.0/keys', { schema: { params: TenantParams } }, keys);
  api.get('/common/discovery/keys', keys);

  // MSAL's instance discovery, answered for mdmsim's own host (MSAL sends it to login.microsoftonline.com, see README).
  api.get(
    '/common/discovery/instance',
    { schema: { querystring: InstanceDiscoveryQuery } },
    async (request) => {
      const base = requestOrigin(request);
      return {
        tenant_discovery_endpoint: `${base}/${tenantId}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [
          { preferred_network: request.host, preferred_cache: request.host, aliases: [request.host] },
        ],
      };
    },
  );

  /**
   * What both token endpoints check before they look at what is asked for: the tenant, the grant, and the client's own
   * credential (a secret in the form or in Basic, or a signed assertion whose audience is this endpoint). The client's
   * registration, or the error Entra answers.
   */
  const authenticatedClient = async (
    request: FastifyRequest,
    tenant: string,
    form: TokenForm,
    endpointPath: 'oauth2/v2.0/token' | 'oauth2/token',
  ): Promise<{ registration: AppRegistration } | { failure: EntraError }> => {
    if (!knownTenant(tenant)) return { failure: unknownTenant(tenant) };
    if (!form.grant_type) return { failure: missingParameter('grant_type') };
    if (form.grant_type !== 'client_credentials') return { failure: unsupportedGrant(form.grant_type) };
    const basic = basicCredentials(request.headers.authorization);
    const clientId = form.client_id ?? basic?.clientId;
    if (!clientId) return { failure: missingParameter('client_id') };
    const registration = service.apps.find((candidate) => candidate.clientId === clientId.toLowerCase());
    if (!registration) return { failure: unknownClient(clientId, tenant) };
    const secret = form.client_secret ?? basic?.secret;
    if (form.client_assertion !== undefined) {
      if (form.client_assertion_type !== JWT_BEARER_ASSERTION) {
        return { failure: missingParameter('client_assertion_type') };
      }
      const tokenEndpoint = `${requestOrigin(request)}/${tenant}/${endpointPath}`;
      const failure = await checkClientAssertion(form.client_assertion, registration, tokenEndpoint);
      if (failure) return { failure };
    } else if (secret === undefined) {
      return { failure: missingCredential() };
    } else if (!sameSecret(secret, registration.clientSecret)) {
      return { failure: wrongSecret(clientId) };
    }
    return { registration };
  };

  /**
   * A token endpoint: the client checked (`authenticatedClient`), then what it asks for (`askFailure`: a v2 scope, a
   * v1 resource), then a Graph token in the endpoint's own answer (`answer`, given the token and when it was issued).
   */
  const tokenEndpoint = (
    endpointPath: 'oauth2/v2.0/token' | 'oauth2/token',
    askFailure: (form: TokenForm, tenant: string) => EntraError | null,
    answer: (token: IssuedToken, issuedAt: number, form: TokenForm) => object,
  ) =>
    api.post(
      `/:tenant/${endpointPath}`,
      { schema: { params: TenantParams, body: TokenRequest } },
      async (request, reply) => {
        const { tenant } = request.params;
        const form = request.body ?? {};
        reply.header('cache-control', 'no-store, no-cache').header('pragma', 'no-cache');
        const client = await authenticatedClient(request, tenant, form, endpointPath);
        if ('failure' in client) return answerEntraError(request, reply, client.failure);
        const failure = askFailure(form, tenant);
        if (failure) return answerEntraError(request, reply, failure);
        const now = Date.now();
        const token = await service.tokens.issueGraphToken(client.registration, now);
        request.log.info(
          { clientId: client.registration.clientId, tenant, endpointPath },
          'access token issued',
        );
        return answer(token, Math.floor(now / 1000), form);
      },
    );

  tokenEndpoint(
    'oauth2/v2.0/token',
    (form, tenant) => graphScope(form.scope ?? '', tenant),
    (token) => ({
      token_type: 'Bearer',
      expires_in: token.expiresIn,
      ext_expires_in: token.expiresIn,
      access_token: token.accessToken,
    }),
  );

  /**
   * Azure AD's v1 token endpoint, which ADAL-era tools and many Intune PowerShell scripts still call: `resource`
   * instead of `scope`, and its numbers as strings, with `expires_on`, `not_before` and the resource as asked
   * (learn.microsoft.com/previous-versions/azure/active-directory/azuread-dev/v1-oauth2-client-creds-grant-flow).
   */
  tokenEndpoint(
    'oauth2/token',
    (form, tenant) => graphResource(form.resource, tenant),
    (token, issuedAt, form) => ({
      token_type: 'Bearer',
      expires_in: String(token.expiresIn),
      ext_expires_in: String(token.expiresIn),
      expires_on: String(issuedAt + token.expiresIn),
      not_before: String(issuedAt),
      resource: form.resource,
      access_token: token.accessToken,
    }),
  );

  for (const { url, accepts } of IDENTITY_ENDPOINTS) onlyAccepts(url, accepts);
}

/** Decorates the root with `identity` (Graph authentication uses it) and mounts the Entra routes in their own scope. */
export default fp(
  async function identityPlugin(app: FastifyInstance, config: IdentityConfig) {
    const tenantId = config.tenantId.toLowerCase();
    const service: IdentityService = {
      tenantId,
      domains: new Set((config.domains ?? []).map((domain) => domain.toLowerCase())),
      apps: config.apps.map((registration) => ({
        ...registration,
        clientId: registration.clientId.toLowerCase(),
      })),
      tokens: new TokenService(tenantId, config.signingKeyFile),
    };
    app.decorate('identity', service);
    await app.register(async (scope) => identityRoutes(scope, service));
  },
  { name: 'mdmsim-identity' },
);
