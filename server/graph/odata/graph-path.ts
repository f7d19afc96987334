// Graph resource paths as Graph reads them: case-insensitive segments, keys as segments or in parentheses.
import { badRequest } from '../../http-error.js';
import type { GraphVersion } from '../graph-resources.js';
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
  | { kind: 'metadata' };

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

const notFoundSegment = (segment: string) => badRequest(`Resource not found for the segment '${segment}'.`);
const is = (segment: string | undefined, name: string) => segment?.toLowerCase() === name.toLowerCase();

/** Reads the path below the version root into what it addresses, or answers Graph's 400 for a segment it lacks. */
export function resolveGraphPath(segments: readonly string[], version: GraphVersion): GraphTarget {
  if (segments.length === 1 && segments[0] === '$metadata') return { kind: 'metadata' };
  const parts: string[] = [];
  for (const raw of segments) {
    const { name, key } = splitKey(raw);
    parts.push(name);
    if (key === undefined) continue;
    // A function call's empty parentheses (`getFileVaultKey()`), not a key.
    if (key === '' && managedDeviceMemberOf(name, version)?.kind === 'function') continue;
    if (key === '') throw badRequest(`The key in segment '${raw}' is empty.`);
    parts.push(key);
  }
  let rest = parts;
  let userKey: string | undefined;
  if (is(rest[0], 'users')) {
    if (rest[1] === undefined)
      throw badRequest('Listing users is not part of this API; address /users/{id}/managedDevices.');
    userKey = rest[1];
    if (!is(rest[2], 'managedDevices')) throw notFoundSegment(rest[2] ?? rest[1]);
    rest = ['deviceManagement', ...rest.slice(2)];
  }
  if (!is(rest[0], 'deviceManagement')) throw notFoundSegment(rest[0] ?? '');
  const setSegment = rest[1];
  if (setSegment === undefined)
    throw badRequest('Reading deviceManagement itself is not part of this API; address its managedDevices.');
  const set: EntitySetName | undefined = is(setSegment, 'managedDevices')
    ? 'managedDevices'
    : is(setSegment, 'remoteActionAudits') && version === 'beta' && userKey === undefined
      ? 'remoteActionAudits'
      : undefined;
  if (!set) throw notFoundSegment(setSegment);
  const withUser = userKey === undefined ? {} : { userKey };
  const [, , key, action, ...extra] = rest;
  if (key === undefined) return { kind: 'collection', set, ...withUser };
  if (key === '$count') {
    if (action !== undefined) throw notFoundSegment(action);
    return { kind: 'count', set, ...withUser };
  }
  if (action === undefined) return { kind: 'entity', set, key, ...withUser };
  if (
    set === 'managedDevices' &&
    (is(action, 'resetPasscode') || is(action, 'microsoft.graph.resetPasscode'))
  ) {
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
