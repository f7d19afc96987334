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

/**
 * The document the Intune service answers with, which Graph relays serialized as `error.message` (for example
 * `{"_version": 3, "Message": "An error has occurred - Operation ID (for customer support): … - Activity ID: … -
 * Url: …", …}`). Scripts that want Intune's text parse the message with this.
 */
export const IntuneErrorDocument = z.strictObject({
  _version: z.literal(3),
  Message: z.string(),
  CustomApiErrorPhrase: z.string(),
  RetryAfter: z.number().nullable(),
  ErrorSourceService: z.string(),
  HttpHeaders: z.string(),
});
export type IntuneErrorDocument = z.infer<typeof IntuneErrorDocument>;
