// What the simulator reports when Graph answers an admin with throttling or an injected fault: logs and /sim/events.
import { z } from 'zod';

export const GraphIncident = z.strictObject({
  kind: z.enum(['throttled', 'fault']),
  method: z.string(),
  url: z.string(),
  /** The status answered, or 200 for a fault that only delayed the request. */
  status: z.number().int(),
  retryAfterSeconds: z.number().nullable(),
  delayMs: z.number().nullable(),
  appId: z.string().nullable(),
  tenantId: z.string().nullable(),
  requestId: z.string(),
  /** Which limit was reached, or which fault rule fired. */
  reason: z.string(),
  at: z.string(),
});
export type GraphIncident = z.infer<typeof GraphIncident>;
