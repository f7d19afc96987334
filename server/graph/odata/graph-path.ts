// Graph resource paths as Graph reads them: case-insensitive segments, keys as segments or in parentheses.
import { badRequest } from '../../http-error.js';
import type { GraphVersion } from '../graph-resources.js';
import { isDeviceManagementNavigation, isServiceRoot, isUserNavigation } from './graph-service-names.js';
import { type ManagedDeviceOperation, managedDeviceMemberOf } from './managed-device-members.js';

export type EntitySetName = 'managedDevices' | 'remoteActionAudits';

export type GraphTarget =
  | { kind: 'collection'; set: EntitySetName; userKey?: string }
  | { kind: 'count'; set: EntitySetName; userKey?: string }
  | { kind: 'entity'; set: EntitySetName; key: string; userKey?: string }
  | { kind: 'action'; action: 'resetPasscode'; key: string; userKey?: string }
  /** Another action, function or navigation property Graph declares on managedDevice: not simulated. */
  | { kind: 'member'; member: ManagedDeviceOperation; key: string; userKey?: string }
  /** The service's metadata document, which every `@odata.context` points at. */
  | { kind: 'metadata' }
  /**
   * A resource Graph has outside the simulated sets (`/devices`, `/users`, `/deviceManagement/detectedApps/…`), named
   * as the message says it (`resource`) and by the root it starts at (`root`, lower case): not simulated.
   */
  | {
      kind: 'unsimulated';
      resource: string;
      root: string;
      /** Where Intune's own router is captured refusing the path: its OData route template (intune-router.ts). */
      routerTemplate?: string;
      /** Intune's own resource (deviceManagement's, deviceAppManagement's, a user's Intune ones): its permissions apply. */
      intune: boolean;
    };

const KEYED = /^([^()]+)\((?:'((?:[^']|'')*)'|([^()']*))\)$/;

/** A segment and the key it carries in parentheses (`managedDevices('id')`), if any. */
function splitKey(segment: string): { name: string; key?: string } {
  // Most segments carry no key: skip the regex for them (it was ~3% of a busy server's time).
  if (!segment.includes('(')) return { name: segment };
  const match = KEYED.exec(segment);
  if (!match?.[1]) return { name: segment };
  const key = match[2] !== undefined ? match[2].replaceAll("''", "'") : (match[3] ?? '');
  return { name: match[1], key };
}

/** An Intune key: a GUID, in any case. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user's navigation properties that Intune serves (DeviceManagement* permissions), beside managedDevices. */
const INTUNE_USER_NAVIGATIONS: ReadonlySet<string> = new Set(
  [
    'managedAppRegistrations',
    'deviceManagementTroubleshootingEvents',
    'mobileAppIntentAndStates',
    'mobileAppTroubleshootingEvents',
    'deviceEnrollmentConfigurations',
  ].map((name) => name.toLowerCase()),
);

const notFoundSegment = (segment: string) => badRequest(`Resource not found for the segment '${segment}'.`);
const is = (segment: string | undefined, name: string) => segment?.toLowerCase() === name.toLowerCase();

/**
 * The path of the service's metadata document: `$metadata`, in any case. Microsoft.OData.Core matches it with the
 * same switch that makes Graph's resource names case-insensitive (ODataPathParser.IdentifierIs, with
 * EnableCaseInsensitiveUriFunctionIdentifier, which is the resolver's EnableCaseInsensitive); inferred, not captured.
 */
export const isMetadataPath = (segments: readonly string[]) =>
  segments.length === 1 && is(segments[0], '$metadata');

/**
 * Names that take a key, or are this API's own, with empty parentheses: "The key … is empty" as before. Another name
 * with them is a segment Graph lacks, named without them as Microsoft.OData.Core names it
 * (ExtractSegmentIdentifierAndParenthesisExpression, then CreateResourceNotFoundError(identifier)).
 */
function keepsEmptyKeyError(name: string, version: GraphVersion): boolean {
  const lower = name.toLowerCase();
  return (
    KEYED_NAMES.has(lower) ||
    (version === 'beta' && lower === 'remoteactionaudits') ||
    isResetPasscode(name) ||
    managedDeviceMemberOf(name, version) !== undefined
  );
}
/** Names with keys in both versions; remoteActionAudits is beta's only (v1.0 lacks it: a segment not found). */
const KEYED_NAMES: ReadonlySet<string> = new Set(['users', 'devicemanagement', 'manageddevices', '$count']);

const isResetPasscode = (segment: string | undefined) =>
  is(segment, 'resetPasscode') || is(segment, 'microsoft.graph.resetPasscode');

const unsimulated = (resource: string, root: string, intune: boolean): GraphTarget => ({
  kind: 'unsimulated',
  resource,
  root,
  intune,
});

/** Reads the path below the version root into what it addresses, or answers Graph's 400 for a segment it lacks. */
export function resolveGraphPath(segments: readonly string[], version: GraphVersion): GraphTarget {
  if (isMetadataPath(segments)) return { kind: 'metadata' };
  const parts: string[] = [];
  /** Indexes in `parts` of names that came with empty parentheses, which no key can be (rare: made when needed). */
  let called: Set<number> | undefined;
  for (const raw of segments) {
    const { name, key } = splitKey(raw);
    parts.push(name);
    if (key === undefined) continue;
    if (key === '') {
      // A function call's empty parentheses (`getFileVaultKey()`), not a key.
      if (managedDeviceMemberOf(name, version)?.kind === 'function') continue;
      if (keepsEmptyKeyError(name, version)) throw badRequest(`The key in segment '${raw}' is empty.`);
      // Unknown here (beta's `getFileVaultKey()` on v1.0): resolved by its name, which is not found where it stands.
      called ??= new Set();
      called.add(parts.length - 1);
      continue;
    }
    parts.push(key);
  }
  /** A key, unless its segment was a call: then the name is a segment Graph lacks. */
  const keyAt = (index: number) => {
    const key = parts[index];
    if (key !== undefined && called?.has(index)) throw notFoundSegment(key);
    return key;
  };
  let rest = parts;
  let userKey: string | undefined;
  if (is(rest[0], 'users')) {
    if (rest[1] === undefined) return unsimulated('the users collection', 'users', false);
    userKey = keyAt(1) as string;
    if (rest[2] === undefined) return unsimulated('a user', 'users', false);
    if (!is(rest[2], 'managedDevices')) {
      if (isUserNavigation(rest[2], version)) {
        return unsimulated(
          `the ${rest[2]} of a user`,
          'users',
          INTUNE_USER_NAVIGATIONS.has(rest[2].toLowerCase()),
        );
      }
      throw notFoundSegment(rest[2]);
    }
    rest = ['deviceManagement', ...rest.slice(2)];
  }
  const root = rest[0] ?? '';
  if (!is(root, 'deviceManagement')) {
    if (isServiceRoot(root, version)) {
      return unsimulated(`/${root}`, root.toLowerCase(), is(root, 'deviceAppManagement'));
    }
    throw notFoundSegment(root);
  }
  const setSegment = rest[1];
  if (setSegment === undefined) return unsimulated('deviceManagement itself', 'devicemanagement', true);
  const set: EntitySetName | undefined = is(setSegment, 'managedDevices')
    ? 'managedDevices'
    : is(setSegment, 'remoteActionAudits') && version === 'beta' && userKey === undefined
      ? 'remoteActionAudits'
      : undefined;
  if (!set) {
    // Below any of deviceManagement's other navigation properties Graph has more (their items, their actions).
    if (userKey === undefined && isDeviceManagementNavigation(setSegment, version)) {
      // One of them is captured: Intune's router has no route for a comanagedDevice by key
      // (microsoftgraph/msgraph-sdk-powershell#2497, a GET; other methods are taken to follow it, unverified).
      // Only a key: `$count`, a bound action or function there is not what the capture shows, so it stays a 501.
      if (is(setSegment, 'comanagedDevices') && GUID.test(rest[2] ?? '') && rest[3] === undefined) {
        return {
          kind: 'unsimulated',
          resource: 'deviceManagement/comanagedDevices',
          root: 'devicemanagement',
          routerTemplate: '~/singleton/navigation/key',
          intune: true,
        };
      }
      return unsimulated(`deviceManagement/${setSegment}`, 'devicemanagement', true);
    }
    throw notFoundSegment(setSegment);
  }
  const withUser = userKey === undefined ? {} : { userKey };
  const [, , , action, ...extra] = rest;
  // The key's index in `parts`: below /users the path has one segment more than `rest`.
  const key = keyAt(userKey === undefined ? 2 : 3);
  if (key === undefined) return { kind: 'collection', set, ...withUser };
  if (key === '$count') {
    if (action !== undefined) throw notFoundSegment(action);
    return { kind: 'count', set, ...withUser };
  }
  if (action === undefined) return { kind: 'entity', set, key, ...withUser };
  if (set === 'managedDevices' && isResetPasscode(action)) {
    if (extra.length > 0) throw notFoundSegment(extra[0] ?? '');
    return { kind: 'action', action: 'resetPasscode', key, ...withUser };
  }
  const member = set === 'managedDevices' ? managedDeviceMemberOf(action, version) : undefined;
  if (member) {
    // Below a navigation property Graph has more (its items, their actions); none of it is simulated.
    if (member.kind !== 'navigation' && extra.length > 0) throw notFoundSegment(extra[0] ?? '');
    return { kind: 'member', member, key, ...withUser };
  }
  throw notFoundSegment(action);
}
