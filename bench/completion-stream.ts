// Watches a server-sent event stream for `action` events and notes when each device's action reached a final state.
import { request } from 'node:http';

export interface ActionEvent {
  deviceId: string;
  state: string;
}

export interface CompletionStream {
  /** Resolves once the stream is open and its first bytes have arrived. */
  ready: Promise<void>;
  close(): void;
}

const FINAL_STATES = new Set(['done', 'failed', 'notSupported', 'canceled']);

export function watchCompletions(
  url: string,
  headers: Record<string, string>,
  onFinal: (event: ActionEvent, receivedAt: number) => void,
): CompletionStream {
  let buffer = '';
  let resolveReady: () => void = () => {};
  let rejectReady: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  const handle = (block: string) => {
    let event = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data += line.slice(5).trim();
    }
    if (event !== 'action' || data === '') return;
    const parsed = JSON.parse(data) as Partial<ActionEvent>;
    if (
      typeof parsed.deviceId === 'string' &&
      typeof parsed.state === 'string' &&
      FINAL_STATES.has(parsed.state)
    ) {
      onFinal({ deviceId: parsed.deviceId, state: parsed.state }, performance.now());
    }
  };
  const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
    if (response.statusCode !== 200) {
      rejectReady(new Error(`${url} answered ${response.statusCode}`));
      response.resume();
      return;
    }
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      resolveReady();
      buffer += chunk;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        handle(block);
      }
    });
  });
  req.on('error', (error) => rejectReady(error));
  req.end();
  return { ready, close: () => req.destroy() };
}
