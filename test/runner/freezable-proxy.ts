// A TCP proxy in front of a real server that can freeze: from then on it passes nothing either way and answers no new
// connection, keeping every socket open, as a hung (or SIGSTOPped) server does.
import { connect, createServer, type Socket } from 'node:net';

export interface FreezableProxy {
  readonly url: string;
  freeze(): void;
  close(): Promise<void>;
}

export async function startFreezableProxy(target: string): Promise<FreezableProxy> {
  const upstreamUrl = new URL(target);
  let frozen = false;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const pairs: Array<[Socket, Socket]> = [];
  const server = createServer((client) => {
    track(client);
    if (frozen) {
      // Taken, then never answered.
      client.on('data', () => undefined);
      return;
    }
    const upstream = connect(Number(upstreamUrl.port), upstreamUrl.hostname);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    // Either side's end ends the other, until frozen: a hung server ends nothing.
    client.on('close', () => !frozen && upstream.destroy());
    upstream.on('close', () => !frozen && client.destroy());
    pairs.push([client, upstream]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The proxy has no port.');
  return {
    url: `http://127.0.0.1:${address.port}`,
    freeze() {
      frozen = true;
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.on('data', () => undefined);
        upstream.pause();
      }
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
