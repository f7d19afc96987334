// The baseline server: bare `ws` plus node:http, the least a server can do for the same connect/command/result pattern.
import { createServer, type ServerResponse } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';

const port = Number(process.env.PORT ?? 0);
const sockets = new Map<string, WebSocket>();
const streams = new Set<ServerResponse>();
let commandSeq = 0;

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok', devices: sockets.size, connected: sockets.size }));
    return;
  }
  if (req.method === 'GET' && req.url === '/events') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(': open\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
    return;
  }
  if (req.method === 'POST' && req.url === '/batch') {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const { ids } = JSON.parse(body) as { ids: string[] };
      const responses = ids.map((deviceId, index) => {
        const socket = sockets.get(deviceId);
        if (!socket) return { id: String(index), status: 404 };
        const commandId = `c${++commandSeq}`;
        socket.send(
          JSON.stringify({ type: 'command', commandId, request: { requestType: 'ClearPasscode' } }),
        );
        return { id: String(index), status: 204 };
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ responses }));
    });
    return;
  }
  res.writeHead(404).end();
});

const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (socket) => {
  let deviceId: string | null = null;
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as {
      type: string;
      deviceId?: string;
      result?: { commandId: string };
    };
    if (message.type === 'hello' && typeof message.deviceId === 'string') {
      deviceId = message.deviceId;
      sockets.set(deviceId, socket);
      socket.send(JSON.stringify({ type: 'welcome', deviceId }));
    } else if (message.type === 'result' && deviceId !== null) {
      const event = {
        id: message.result?.commandId,
        deviceId,
        state: 'done',
        updatedAt: new Date().toISOString(),
      };
      const frame = `event: action\ndata: ${JSON.stringify(event)}\n\n`;
      for (const stream of streams) stream.write(frame);
    }
  });
  socket.on('close', () => {
    if (deviceId !== null && sockets.get(deviceId) === socket) sockets.delete(deviceId);
  });
});

server.listen(port, '127.0.0.1');
const stop = () => {
  for (const stream of streams) stream.end();
  wss.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1_000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
