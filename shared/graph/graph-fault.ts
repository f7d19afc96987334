// Admin-side faults: Graph requests that answer 429/500/503/504 or arrive late on demand, as the real service sometimes does.
import { z } from 'zod';

export const GRAPH_FAULT_STATUSES = [429, 500, 503, 504] as const;

export const GraphFaultRule = z
  .strictObject({
    /** The HTTP method to match; `*` (default) is any. */
    method: z
      .preprocess(
        (value) => (typeof value === 'string' ? value.toUpperCase() : value),
        z.enum(['*', 'GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
      )
      .default('*')
      .describe('The HTTP method to match; `*` (default) is any.'),
    /**
     * The request path (no query) to match, case-insensitively, where `*` is any run of characters: e.g.
     * `*resetPasscode` or `/beta/deviceManagement/remoteActionAudits`. Default `*`.
     */
    path: z
      .string()
      .min(1)
      .max(500)
      .default('*')
      .describe(
        'The request path (no query) to match, case-insensitively; `*` is any run of characters (e.g. `*resetPasscode`). Default `*`.',
      ),
    /** The status to answer instead of running the request; without it the request runs, after `delayMs`. */
    status: z
      .union(GRAPH_FAULT_STATUSES.map((status) => z.literal(status)))
      .optional()
      .describe(
        'The status to answer instead of running the request (429, 500, 503 or 504); without it the request runs after `delayMs`.',
      ),
    /** Retry-After to send with `status`, in seconds (fractions allowed, as Graph sends them); a 429 without it sends 1. */
    retryAfterSeconds: z
      .number()
      .min(0)
      .max(3600)
      .optional()
      .describe(
        'Retry-After to send with `status`, in seconds (fractions allowed, as Graph sends them); a 429 without it sends 1.',
      ),
    /** Real milliseconds to hold the request before answering (or running it). */
    delayMs: z
      .number()
      .int()
      .min(0)
      .max(120_000)
      .optional()
      .describe('Real milliseconds to hold the request before answering (or running it).'),
    /** How many matching requests the fault hits, then it is spent (default 1 unless `fraction` is given). */
    times: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .optional()
      .describe(
        'How many matching requests the fault hits, then it is spent (default 1 unless `fraction` is given).',
      ),
    /** Instead of the next `times`: this fraction of matching requests, drawn from a PRNG seeded by `seed`. */
    fraction: z
      .number()
      .gt(0)
      .max(1)
      .optional()
      .describe(
        'Instead of the next `times`: this fraction of matching requests, drawn from a PRNG seeded by `seed`.',
      ),
    seed: z
      .string()
      .min(1)
      .max(200)
      .default('mdmsim')
      .describe('The seed of that PRNG, so a run repeats (default `mdmsim`).'),
  })
  .refine((rule) => rule.status !== undefined || rule.delayMs !== undefined, {
    message: 'Give status, delayMs, or both.',
  })
  .refine((rule) => rule.retryAfterSeconds === undefined || rule.status !== undefined, {
    message: 'retryAfterSeconds goes with a status.',
  });
export type GraphFaultRule = z.infer<typeof GraphFaultRule>;
export type GraphFaultRuleInput = z.input<typeof GraphFaultRule>;
