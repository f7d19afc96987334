// Entra ID's OAuth error bodies (error, error_description with its AADSTS code, trace and correlation ids).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUuid } from '../../lib/random-uuid.js';

export interface EntraError {
  status: number;
  error: string;
  code: number;
  description: string;
}

/** An Entra error raised from a hook or a parser; the identity routes' error handler answers it. */
export class EntraRejection extends Error {
  constructor(readonly failure: EntraError) {
    super(failure.description);
    this.name = 'EntraRejection';
  }
}

/**
 * Entra's error body. `error_uri` is Entra's own lookup page for the code (mdmsim has none), so no part of the body is
 * built from the request's Host header.
 */
export function entraErrorBody(failure: EntraError, correlationId: string) {
  const traceId = randomUuid();
  const now = new Date();
  const timestamp = `${now.toISOString().slice(0, 19).replace('T', ' ')}Z`;
  return {
    error: failure.error,
    error_description: `AADSTS${failure.code}: ${failure.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [failure.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${failure.code}`,
  };
}

/** Sends `failure` as Entra does: its status, never cached, the request's id as correlation id. */
export function answerEntraError(request: FastifyRequest, reply: FastifyReply, failure: EntraError) {
  return reply
    .code(failure.status)
    .header('cache-control', 'no-store, no-cache')
    .send(entraErrorBody(failure, request.id));
}

export const missingParameter = (name: string): EntraError => ({
  status: 400,
  error: 'invalid_request',
  code: 900144,
  description: `The request body must contain the following parameter: '${name}'.`,
});

/** A request Entra cannot read: over-long values, a body over the limit, a missing or malformed Host header. */
export const malformedRequest = (status: number, detail: string): EntraError => ({
  status,
  error: 'invalid_request',
  code: 9002313,
  description: `Invalid request. Request is malformed or invalid. ${detail}`,
});

/** `accepted` as Entra lists it, e.g. "POST, OPTIONS". */
export const wrongMethod = (accepted: string, method: string): EntraError => ({
  status: 400,
  error: 'invalid_request',
  code: 900561,
  description: `The endpoint only accepts ${accepted} requests. Received a ${method} request.`,
});

export const serverError = (): EntraError => ({
  status: 500,
  error: 'server_error',
  code: 50000,
  description: 'There was an error issuing a token or an issue with our sign-in service.',
});

export const unknownTenant = (tenant: string): EntraError => ({
  status: 400,
  error: 'invalid_tenant',
  code: 90002,
  description: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
});

export const unsupportedGrant = (grant: string): EntraError => ({
  status: 400,
  error: 'unsupported_grant_type',
  code: 70003,
  description: `The app requested an unsupported grant type '${grant}'.`,
});

export const unknownClient = (clientId: string, tenant: string): EntraError => ({
  status: 400,
  error: 'unauthorized_client',
  code: 700016,
  description: `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
});

export const missingCredential = (): EntraError => ({
  status: 401,
  error: 'invalid_client',
  code: 7000216,
  description:
    "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
});

export const wrongSecret = (clientId: string): EntraError => ({
  status: 401,
  error: 'invalid_client',
  code: 7000215,
  description: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
});

export const invalidScope = (scope: string): EntraError => ({
  status: 400,
  error: 'invalid_scope',
  code: 1002012,
  description: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
});

export const unknownResource = (resource: string, tenant: string): EntraError => ({
  status: 400,
  error: 'invalid_resource',
  code: 500011,
  description: `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
});

export const badAssertionSignature = (): EntraError => ({
  status: 401,
  error: 'invalid_client',
  code: 700027,
  description: 'Client assertion failed signature validation.',
});

export const assertionOutOfTime = (): EntraError => ({
  status: 401,
  error: 'invalid_client',
  code: 700024,
  description: 'Client assertion is not within its valid time range.',
});

export const assertionWrongClient = (): EntraError => ({
  status: 401,
  error: 'invalid_client',
  code: 700021,
  description: "Client assertion application identifier doesn't match 'client_id' parameter.",
});

export const assertionWrongAudience = (): EntraError => ({
  status: 401,
  error: 'invalid_client',
  code: 50012,
  description: 'Client assertion audience claim does not match Realm issuer.',
});
