// Errors the Intune devices service raises, as Graph relays them: Intune answers with its own JSON document, which
// Graph passes on, serialized, as error.message. Errors of Graph's own gateway keep a plain message.
import { HttpError } from '../http-error.js';
import { managedDeviceOperationNamed } from './odata/managed-device-members.js';

/** Where Graph forwards /deviceManagement calls: one of Intune's scale units, as its error messages name them. */
export const INTUNE_HOST = 'https://fef.msua06.manage.microsoft.com';
/** The devices service's path prefix on that host. */
export const INTUNE_SERVICE_PATH = '/DeviceFE/StatelessDeviceFEService';
/** The internal api-version Intune's messages carried in the newest captured error (2026-01). */
export const INTUNE_API_VERSION = '2025-07-09';
const OPERATION_ID = '00000000-0000-0000-0000-000000000000';
const COLLECTIONS = new Set(['manageddevices', 'remoteactionaudits', 'users']);

/** An error answered by Intune rather than by Graph: its message goes out wrapped in Intune's document. */
export class IntuneError extends HttpError {
  constructor(statusCode: number, code: string, phrase: string) {
    super(statusCode, code, phrase);
    this.name = 'IntuneError';
  }
}

/** Intune's generic phrase for a refused or failed request; its messages say no more than this. */
export const AN_ERROR_HAS_OCCURRED = 'An error has occurred';

/**
 * Intune's error document, serialized as Graph relays it (`{\r\n  "_version": 3,\r\n  "Message": …}`): the phrase,
 * the zero Operation ID, the Activity ID (the caller's client-request-id, else Graph's request-id) and the internal
 * URL of the call.
 */
export function intuneErrorMessage(phrase: string, activityId: string, graphUrl: string): string {
  const document = {
    _version: 3,
    Message: `${phrase} - Operation ID (for customer support): ${OPERATION_ID} - Activity ID: ${activityId} - Url: ${intuneUrlOf(graphUrl)}`,
    CustomApiErrorPhrase: '',
    RetryAfter: null,
    ErrorSourceService: '',
    HttpHeaders: '{}',
  };
  return JSON.stringify(document, null, 2).replaceAll('\n', '\r\n');
}

/**
 * The URL Intune's messages show for a Graph call: the path below the version with keys in parentheses and the
 * action in Intune's namespace, `?api-version=…` and then the caller's query, as in
 * `…/deviceManagement/managedDevices%28%27id%27%29/microsoft.management.services.api.resetPasscode?api-version=…`.
 */
export function intuneUrlOf(graphUrl: string): string {
  const query = splitOnce(graphUrl, '?')[1];
  const search = `?api-version=${INTUNE_API_VERSION}${query ? `&${query}` : ''}`;
  // Every captured error document writes the key percent-encoded (`managedDevices%28%27<id>%27%29`); only the router's
  // "No OData route exists…" message shows it plain.
  const path = intunePathOf(graphUrl).replace(
    /[()']/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${INTUNE_HOST}${path}${search}`;
}

/** The path Intune serves a Graph call on: `/DeviceFE/StatelessDeviceFEService/deviceManagement/managedDevices('id')`. */
export function intunePathOf(graphUrl: string): string {
  const [path = ''] = splitOnce(graphUrl, '?');
  const segments = path.split('/').slice(2);
  const out: string[] = [];
  for (const segment of segments) {
    const previous = out.at(-1);
    if (
      previous &&
      COLLECTIONS.has(previous.toLowerCase()) &&
      !segment.startsWith('$') &&
      !segment.includes('(')
    ) {
      out[out.length - 1] = `${previous}('${segment}')`;
    } else if (operationOf(segment)) {
      out.push(`microsoft.management.services.api.${operationOf(segment)}`);
    } else {
      out.push(segment);
    }
  }
  return `${INTUNE_SERVICE_PATH}/${out.join('/')}`;
}

/**
 * An action or function of managedDevice as Intune's paths name it, in its own namespace (`resetPasscode`, captured;
 * `shutDown` in microsoft-graph-docs-contrib#5880): the metadata's spelling, without Graph's namespace, a function
 * keeping its parentheses.
 */
function operationOf(segment: string): string | undefined {
  const call = segment.endsWith('()') ? '()' : '';
  const operation = managedDeviceOperationNamed(call ? segment.slice(0, -2) : segment);
  return operation ? `${operation.name}${call}` : undefined;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
