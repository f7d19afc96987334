// The WebSocket endpoint devices connect to; each connection becomes a DeviceConnection.
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { CloseCode, GATEWAY_PATH } from '../../shared/protocol.js';
import { DeviceConnection, type GatewayLimits } from './device-connection.js';

/** Frames are small JSON objects; anything larger is hostile or broken. */
const MAX_FRAME_BYTES = 64 * 1024;

export default fp(
  async function deviceGateway(app: FastifyInstance, limits: GatewayLimits) {
    await app.register(websocket, { options: { maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false } });
    app.addHook('preClose', async () => {
      await app.sessions.closeAll(CloseCode.ServerShutdown, 'The server is shutting down.');
    });
    app.get(GATEWAY_PATH, { websocket: true }, (socket, request) => {
      new DeviceConnection(socket, app.sessions, app.services, limits, request.log);
    });
  },
  { name: 'device-gateway', dependencies: ['services'] },
);
