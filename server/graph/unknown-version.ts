// Graph answers a request whose first path segment is not one of its versions with 400 "Invalid version.", whatever
// that segment is: captured for `/me` (msgraph-sample-blazor-clientside#94, 2023) and `/v1.0None`
// (O365/python-o365#889, 2022). mdmsim shares its host with its own routes, so a first segment one of them uses
// (sim, health, docs, metrics, assets, devices, Entra's `/{tenant}/…`) keeps its own 404.
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http-error.js';

export const invalidVersion = () => new HttpError(400, 'BadRequest', 'Invalid version.');

/** Collects the literal first segment of every route the app registers after this call. */
export function routeFirstSegments(app: FastifyInstance): ReadonlySet<string> {
  const segments = new Set<string>();
  app.addHook('onRoute', (route) => {
    const first = route.url.split('/')[1] ?? '';
    if (first !== '' && !first.startsWith(':') && !first.startsWith('*')) segments.add(first);
  });
  return segments;
}

/** Whether an unrouted request target names no route's first segment, so Graph would read it as a version. */
export function namesUnknownVersion(target: string, routeSegments: ReadonlySet<string>): boolean {
  const path = target.split(/[?#]/, 1)[0] ?? '';
  if (!path.startsWith('/')) return false;
  const first = path.split('/')[1] ?? '';
  return first !== '' && !routeSegments.has(first);
}
