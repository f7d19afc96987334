// Warms the benchmark's own client before anything is measured. The client shares the machine's two cores with the
// system under test; cold, it spent about a third more CPU during the first system's reset than during the next
// system's, so the first system measured (mdmsim's first store) ran beside the client's JIT warm-up and the others did
// not. A stand-in server in this process answers each system's requests, and streams each system's events, as that
// system would for devices that all reset at once.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActionView } from '../shared/sim/action-view.js';
import { fleetReset, type Target } from './load-driver.js';

/** Device ids per target the warm-up resets: enough for V8 to optimise the client's paths. */
export const WARM_UP_RESETS = 4_000;

/** Every id a `$batch` body names: Graph's `requests[].url` or the bare baseline's `ids`. */
function idsOf(body: string): string[] {
  const parsed = JSON.parse(body) as { ids?: string[]; requests?: Array<{ url: string }> };
  return parsed.ids ?? (parsed.requests ?? []).map((request) => request.url.split('/')[3] ?? '');
}

/**
 * The `action` events a system streams for `ids`, done: mdmsim's are the simulator's action view (shared/sim), written
 * together; the bare server's carry four fields, written one by one.
 */
function eventsFor(graph: boolean, ids: readonly string[]): string[] {
  const at = new Date().toISOString();
  const frame = (event: object) => `event: action\ndata: ${JSON.stringify(event)}\n\n`;
  if (!graph) return ids.map((deviceId, n) => frame({ id: `c${n}`, deviceId, state: 'done', updatedAt: at }));
  const views = ids.map((deviceId, n) =>
    frame({
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      deviceId,
      action: 'resetPasscode',
      state: 'done',
      initiatedBy: 'admin@contoso.onmicrosoft.com',
      requestedAt: at,
      updatedAt: at,
      errorCode: null,
      errorDescription: null,
    } satisfies ActionView),
  );
  return [views.join('')];
}

/**
 * Resets `WARM_UP_RESETS` made-up devices through each of `targets` (built on the stand-in's URL) with the same batch
 * size and concurrency as the measured runs, and waits for every completion.
 */
export async function warmUpDriver(
  targets: ReadonlyArray<(baseUrl: string) => Target>,
  options: { batchSize: number; concurrentBatches: number; deadline: number },
): Promise<void> {
  const streams = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    if (request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      response.write(': open\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const ids = idsOf(body);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ responses: ids.map((_, index) => ({ id: String(index + 1), status: 204 })) }),
      );
      for (const frames of eventsFor(request.url !== '/batch', ids)) {
        for (const stream of streams) stream.write(frames);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    for (const [index, target] of targets.entries()) {
      const ids = Array.from({ length: WARM_UP_RESETS }, (_, n) => `warm-up-${index}-${n}`);
      const deadline = Math.min(options.deadline, performance.now() + 60_000);
      const result = await fleetReset(target(baseUrl), ids, { ...options, deadline, progress: () => {} });
      if (result.done !== ids.length) {
        throw new Error(`the client's warm-up saw ${result.done} of ${ids.length} resets done`);
      }
    }
  } finally {
    for (const stream of streams) stream.end();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
