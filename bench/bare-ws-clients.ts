// The baseline devices: bare `ws` clients that say hello and answer each JSON command with a JSON result.
import WebSocket from 'ws';
import { deviceIdFor } from '../agents/runtime/device-identity.js';

const url = process.env.BENCH_WS_URL ?? 'ws://127.0.0.1:8080/';
const devices = Number(process.env.BENCH_DEVICES ?? 0);
const fleet = process.env.BENCH_FLEET ?? 'baseline';
const concurrency = 200;
const sockets: WebSocket[] = [];

function connect(index: number): Promise<void> {
  return new Promise((resolve) => {
    const deviceId = deviceIdFor(fleet, index);
    const socket = new WebSocket(url, { perMessageDeflate: false });
    sockets.push(socket);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', deviceId })));
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; commandId?: string };
      if (message.type === 'welcome') resolve();
      else if (message.type === 'command') {
        socket.send(
          JSON.stringify({
            type: 'result',
            result: { commandId: message.commandId, status: 'Acknowledged' },
          }),
        );
      }
    });
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
  });
}

let next = 0;
const worker = async () => {
  while (next < devices) await connect(next++);
};
await Promise.all(Array.from({ length: Math.min(concurrency, devices) }, worker));

const stop = () => {
  for (const socket of sockets) socket.terminate();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Stay up (without an open connection, e.g. for the baseline-memory probe) until told to stop.
setInterval(() => {}, 60_000);
