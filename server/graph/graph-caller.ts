// Who is calling Graph: the app (and tenant) a request speaks for and the permissions it holds, set by authentication.
export interface GraphCaller {
  /** The calling app's client id; throttling and audit key on it. */
  readonly appId: string;
  readonly tenantId: string;
  /** Application permissions (roles) the caller holds, e.g. DeviceManagementManagedDevices.Read.All. */
  readonly permissions: ReadonlySet<string>;
  /** The user principal name recorded as the initiator of remote actions. */
  readonly upn: string;
  /** An app's own token (client credentials), with no signed-in user; the admin token stands for the admin. */
  readonly appOnly: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the Graph authentication hook before any Graph handler runs. */
    graphCaller?: GraphCaller;
  }
}
