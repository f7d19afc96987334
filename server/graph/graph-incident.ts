// What the simulator reports when Graph answers an admin with throttling or an injected fault: logs and /sim/events.
export interface GraphIncident {
  kind: 'throttled' | 'fault';
  method: string;
  url: string;
  /** The status answered, or 200 for a fault that only delayed the request. */
  status: number;
  retryAfterSeconds: number | null;
  delayMs: number | null;
  appId: string | null;
  tenantId: string | null;
  requestId: string;
  /** Which limit was reached, or which fault rule fired. */
  reason: string;
  at: string;
}
