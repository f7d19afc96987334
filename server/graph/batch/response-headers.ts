// A $batch sub-response's header names as Graph writes them in the batch JSON. Over HTTP names are case-insensitive and
// mdmsim's answers carry them lower-case; in the batch JSON they are plain object keys, and clients read them exactly:
// the Graph JS SDK's BatchResponseContent.createResponseObject re-serialises a JSON body only when
// `headers["Content-Type"]` is `application/json…` (@microsoft/microsoft-graph-client 3.x,
// lib/src/content/BatchResponseContent.js), so with `content-type` every JSON sub-response reads as "[object Object]".

/**
 * mdmsim's lower-case header names and Graph's spelling of them inside a batch. A lookup, not a rewrite per name: this
 * runs for every sub-response of every batch.
 */
const BATCH_HEADER_NAMES: ReadonlyMap<string, string> = new Map([
  // Graph's JSON batching page, "Example JSON batch response" (learn.microsoft.com/graph/json-batching;
  // microsoftgraph/microsoft-graph-docs-contrib concepts/json-batching.md): every sub-response shows
  // "Content-Type" and, on its 200s, "OData-Version": "4.0" (beside "Cache-Control", which mdmsim does not send).
  ['content-type', 'Content-Type'],
  ['odata-version', 'OData-Version'],
  // No batch example shows a 429 (unverified). Graph's throttling guidance names the header "Retry-After"
  // (learn.microsoft.com/graph/throttling), the Graph JS SDK's RetryHandler reads "Retry-After"
  // (lib/src/middleware/RetryHandler.js, RETRY_AFTER_HEADER), and Microsoft's Dev Proxy fails a batch sub-request
  // with 429 and `"Retry-After"` in its headers (dotnet/dev-proxy, DevProxy.Plugins/Behavior/GraphRandomErrorPlugin.cs,
  // FailBatch).
  ['retry-after', 'Retry-After'],
  // A 415's Accept-Encoding (server/graph/graph-request-body.ts): no Graph source shows it in a batch (unverified);
  // spelled as RFC 9110 §12.5.3 and the other names above are, in their canonical form.
  ['accept-encoding', 'Accept-Encoding'],
]);

/**
 * `headers` (lower-case names, as a Graph answer carries them) with the names Graph capitalises in a batch renamed.
 * Any other name is kept as it is: `request-id` and `client-request-id` are lower-case in Graph's own spelling (its
 * HTTP answers and the innerError of its error bodies) and no source shows them otherwise inside a batch. Note that
 * Graph passes a backing service's names through as that service wrote them (the older json-batching page showed a
 * OneDrive 302 with `"location"`), so a name enters the table only with a source for Intune's or Graph's spelling.
 */
export function batchHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const named: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    named[BATCH_HEADER_NAMES.get(name) ?? name] = headers[name] as string;
  }
  return named;
}
