// Operations Graph has but mdmsim does not simulate answer 501 rather than pretending they do not exist (a 400 for a
// segment Graph lacks) or that they ran: Graph's status for "the requested feature isn't implemented", with the code
// named after it (https://learn.microsoft.com/graph/errors, HTTP status codes).
import { HttpError } from '../http-error.js';

/** What mdmsim does simulate, for the message. */
const SIMULATED =
  'mdmsim simulates only the resetPasscode action (Remove passcode) and reads of managedDevices';

/** Graph's 501 for `what` (an operation as the caller sent it: `POST syncDevice on a managedDevice`). */
export const notSimulated = (what: string) =>
  new HttpError(501, 'NotImplemented', `${what} is not simulated: ${SIMULATED} and remoteActionAudits.`);

/**
 * `$metadata`'s 501. Graph serves its metadata document to anyone (Microsoft's own msgraph-metadata pipeline downloads
 * it without a token), so this answer needs no token and no permission, over HTTP and in `$batch`.
 */
export const metadataNotSimulated = (method: string) =>
  notSimulated(`${method} $metadata (the service's metadata document)`);
