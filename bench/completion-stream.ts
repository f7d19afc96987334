// Watches a server-sent event stream for `action` events and notes when each device's action reached a final state.
import { request } from 'node:http';
import { createParser } from 'eventsource-parser';
import { z } from 'zod';
import { ActionView, isFinalActionState } from '../shared/sim/action-view.js';

/** The part of an `action` event the benchmark reads; the bare baseline server sends no more than this. */
const ActionEvent = z.object({ deviceId: ActionView.shape.deviceId, state: ActionView.shape.state });
export type ActionEvent = z.infer<typeof ActionEvent>;

export interface CompletionStream {
  /** Resolves once the stream is open and its first bytes have arrived. */
  ready: Promise<void>;
  close(): void;
}

export function watchCompletions(
  url: string,
  headers: Record<string, string>,
  onFinal: (event: ActionEvent, receivedAt: number) => void,
): CompletionStream {
  let resolveReady: () => void = () => {};
  let rejectReady: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  const parser = createParser({
    onEvent: (message) => {
      if (message.event !== 'action') return;
      const parsed = ActionEvent.safeParse(JSON.parse(message.data));
      if (!parsed.success || !isFinalActionState(parsed.data.state)) return;
      onFinal(parsed.data, performance.now());
    },
  });
  const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
    if (response.statusCode !== 200) {
      rejectReady(new Error(`${url} answered ${response.statusCode}`));
      response.resume();
      return;
    }
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      resolveReady();
      parser.feed(chunk);
    });
  });
  req.on('error', (error) => rejectReady(error));
  req.end();
  return { ready, close: () => req.destroy() };
}
