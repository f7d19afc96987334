// Intune's own router (ASP.NET OData in the devices service) answers a method it has no route for with a plain 400
// naming the OData route template and its internal path; mdmsim answers the same wherever Intune's router would.
import { HttpError } from '../http-error.js';
import type { GraphCall } from './graph-call.js';
import { intunePathOf } from './intune-error.js';
import type { GraphTarget } from './odata/graph-path.js';

/** The targets Intune's router serves: everything below deviceManagement or a user's managedDevices. */
export type RoutedTarget = Exclude<GraphTarget, { kind: 'metadata' | 'unsimulated' }>;

/**
 * The OData template Intune's router matched the path to. Captured: `~/singleton/navigation` (POST on managedDevices,
 * msgraph-sdk-python#731), `~/singleton/navigation/key` (GET on a comanagedDevice, msgraph-sdk-powershell#2497),
 * `~/singleton/navigation/key/action` (GET on an Intune action, msgraph-beta-sdk-dotnet#140),
 * `~/entityset/key/navigation/key` (GET and DELETE of a user's managedDevice, microsoft-graph-docs-contrib#2323 and
 * msgraph-sdk-powershell#1831), `~/entityset/key/navigation/key/action` (GET on shutDown under a user,
 * microsoft-graph-docs-contrib#5880). `$count` and `function` follow ODL's template segment names (unverified).
 */
export function routeTemplateOf(target: RoutedTarget): string {
  const base = target.userKey === undefined ? '~/singleton/navigation' : '~/entityset/key/navigation';
  switch (target.kind) {
    case 'collection':
      return base;
    case 'count':
      return `${base}/$count`;
    case 'entity':
      return `${base}/key`;
    case 'action':
      return `${base}/key/action`;
    case 'member':
      return `${base}/key/${target.member.kind}`;
  }
}

/** Intune's 400 for `call`'s method on `target`, which its router has no route for. */
export const noRoute = (call: Pick<GraphCall, 'method' | 'url'>, target: RoutedTarget) =>
  noRouteFor(call, routeTemplateOf(target));

/** Intune's 400 for `call`, whose path its router matched to `template` but has no route for. */
export const noRouteFor = (call: Pick<GraphCall, 'method' | 'url'>, template: string) =>
  new HttpError(
    400,
    'No method match route template',
    `No OData route exists that match template ${template} with http verb ${call.method} for request ${intunePathOf(call.url)}.`,
  );
