// Graph reads an empty path segment as none (Microsoft.OData.Core's UriPathParser skips them): `/v1.0//$batch` is
// `/v1.0/$batch`. Collapsed before Fastify routes, so the $batch route and the parameter routes see the path Graph
// reads; the Graph layer drops empty segments too, for what reaches it another way ($batch's inner URLs).

/** A path under a Graph version, with at least one segment (an empty one included). */
const GRAPH_PATH = /^\/(?:v1\.0|beta)\//;

/** `url` with its path's runs of slashes made one, when it is a Graph path; any other URL as it is. */
export function withoutEmptyGraphSegments(url: string): string {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  if (!path.includes('//') || !GRAPH_PATH.test(path)) return url;
  return `${path.replace(/\/{2,}/g, '/')}${queryAt < 0 ? '' : url.slice(queryAt)}`;
}
