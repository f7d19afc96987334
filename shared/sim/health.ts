// What GET /health answers: the server is up, with how many devices it knows and how many are connected.
import { z } from 'zod';

export const Health = z.strictObject({
  status: z.literal('ok'),
  devices: z.number().int().nonnegative(),
  connected: z.number().int().nonnegative(),
});
export type Health = z.infer<typeof Health>;
