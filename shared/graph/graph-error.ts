// Graph's error body, as every Graph error answer carries it.
import { z } from 'zod';

export const GraphErrorBody = z.strictObject({
  error: z.strictObject({
    code: z.string().min(1),
    message: z.string(),
    innerError: z.looseObject({
      'request-id': z.string(),
      'client-request-id': z.string().optional(),
      date: z.string(),
    }),
  }),
});
export type GraphErrorBody = z.infer<typeof GraphErrorBody>;
