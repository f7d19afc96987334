// A reverse proxy in front of a real server, over real sockets, that answers chosen requests itself with an error (as
// a gateway, a load balancer or a broken deployment in front of a shared server would) and passes everything else
// through unchanged: plain requests, the /sim/events stream and the devices' WebSocket upgrades.
import { Agent, createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface AnswerRule {
  method: string;
  /** Matched against the request's path (query excluded). */
  path: RegExp;
  status: number;
  /** Sent as Graph's error body, `{ error: { code, message } }`. */
  code: string;
  message: string;
}

export interface AnsweringProxy {
  readonly url: string;
  /** Answers every matching request from now on (until `clear`). */
  answer(rule: AnswerRule): void;
  clear(): void;
  close(): Promise<void>;
}

export async function startAnsweringProxy(target: string): Promise<AnsweringProxy> {
  const upstream = new URL(target);
  const port = Number(upstream.port);
  const rules: AnswerRule[] = [];
  const agent = new Agent({ keepAlive: true });
  const sockets = new Set<Socket>();
  const matching = (request: IncomingMessage) => {
    const path = new URL(request.url ?? '/', 'http://proxy').pathname;
    return rules.find((rule) => rule.method === request.method && rule.path.test(path));
  };

  const server = createServer((request, response) => {
    const rule = matching(request);
    if (rule) {
      request.resume();
      response.writeHead(rule.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: rule.code, message: rule.message } }));
      return;
    }
    const forwarded = httpRequest(
      {
        host: upstream.hostname,
        port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: upstream.host },
        agent,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forwarded.on('error', () => response.destroy());
    // The event stream stays open until the runner closes it; the upstream request goes with it.
    response.on('close', () => forwarded.destroy());
    request.pipe(forwarded);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const through = connect(port, upstream.hostname, () => {
      const lines = [`${request.method} ${request.url} HTTP/1.1`];
      for (let index = 0; index < request.rawHeaders.length; index += 2) {
        lines.push(`${request.rawHeaders[index]}: ${request.rawHeaders[index + 1]}`);
      }
      through.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) through.write(head);
      socket.pipe(through);
      through.pipe(socket);
    });
    sockets.add(through);
    through.on('close', () => {
      sockets.delete(through);
      socket.destroy();
    });
    socket.on('close', () => through.destroy());
    through.on('error', () => socket.destroy());
    socket.on('error', () => through.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The proxy has no port.');
  return {
    url: `http://127.0.0.1:${address.port}`,
    answer: (rule) => void rules.push(rule),
    clear: () => void rules.splice(0),
    async close() {
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
