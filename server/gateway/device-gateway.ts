// The WebSocket endpoint devices connect to; each connection becomes a DeviceConnection.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import websocket from '@fastify/websocket';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { WebSocket } from 'ws';
import { CloseCode, GATEWAY_PATH } from '../../shared/protocol.js';
import { DEVICE_CHANNEL_PLUGIN } from '../services/device-channel.js';
import { closeWithGrace } from './close-with-grace.js';
import { DeviceConnection, type GatewayLimits } from './device-connection.js';
import { editionMismatchWarner } from './edition-mismatch.js';

/** Frames are small JSON objects; anything larger is hostile or broken. */
export const MAX_FRAME_BYTES = 64 * 1024;

export default fp(
  async function deviceGateway(app: FastifyInstance, limits: GatewayLimits) {
    await app.register(websocket, {
      options: { maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false },
      // Replaces the plugin's own pre-close (which closes with no code, 1005): devices hear 4005 and may reconnect
      // later, and a peer that never answers the closing handshake is cut, so shutdown takes bounded time.
      preClose: async () => {
        await app.deviceSessions.closeAll(CloseCode.ServerShutdown, 'The server is shutting down.');
        await closeEvery(
          app.websocketServer.clients,
          CloseCode.ServerShutdown,
          'The server is shutting down.',
        );
        await new Promise<void>((resolve) => app.websocketServer.close(() => resolve()));
      },
      // A frame the socket cannot read (too big, invalid UTF-8): ws has already closed with the standard code
      // (1009, 1007); say so once, at warn, without the payload or a stack, and bound the closing handshake.
      errorHandler: (error, socket, request) => frameRefused(error, socket, request.log),
    });
    const editionCheck = editionMismatchWarner(app.services.actions.edition());
    app.get(GATEWAY_PATH, { websocket: true }, (socket, request) => {
      const log = request.log;
      releaseUpgrade(socket, request.raw, log);
      new DeviceConnection(socket, app.deviceSessions, app.services, limits, log, editionCheck);
    });
  },
  { name: 'device-gateway', dependencies: [DEVICE_CHANNEL_PLUGIN, 'services'] },
);

/**
 * Lets the upgrade's HTTP objects go once the socket is open (about 1.5 KB per device the bare server does not keep):
 * @fastify/websocket's error listener closes over the Fastify request and reply (it is replaced by the same handler
 * closing over the logger only), and the socket keeps the hijacked, never-written ServerResponse and through it the
 * IncomingMessage with every header.
 */
function releaseUpgrade(socket: WebSocket, raw: IncomingMessage, log: FastifyBaseLogger): void {
  socket.removeAllListeners('error');
  socket.on('error', (error) => frameRefused(error, socket, log));
  const response = (raw.socket as (Socket & { _httpMessage?: ServerResponse | null }) | null)?._httpMessage;
  if (response?.socket) response.detachSocket(response.socket);
}

const reported = new WeakSet<WebSocket>();

function frameRefused(error: Error, socket: WebSocket, log: FastifyBaseLogger): void {
  if (!reported.has(socket)) {
    reported.add(socket);
    const code = (error as { code?: unknown }).code;
    log.warn({ code, reason: error.message }, 'device frame refused; closing the connection');
  }
  // The socket is already closing (ws sent the close code); the peer gets the grace period to finish.
  if (socket.readyState !== socket.CLOSED) void closeWithGrace(socket);
}

/** Closes every socket (those that never said hello too) and resolves once each has closed or been cut. */
async function closeEvery(sockets: Iterable<WebSocket>, code: number, reason: string): Promise<void> {
  await Promise.all(
    [...sockets].map((socket) =>
      socket.readyState === socket.CLOSED
        ? undefined
        : closeWithGrace(
            socket,
            socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING ? code : undefined,
            reason,
          ),
    ),
  );
}
