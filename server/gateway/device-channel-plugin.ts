// The gateway's session table, created here and offered to the services as their DeviceChannel (no import cycle).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DEVICE_CHANNEL_PLUGIN } from '../services/device-channel.js';
import { DeviceSessions } from './device-sessions.js';

export interface DeviceChannelOptions {
  /** Real ms a device has to answer a forwarded user input. */
  inputTimeoutMs: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The same table as `deviceChannel`, with the gateway's own side (attach, detach, answers, acks, close). */
    deviceSessions: DeviceSessions;
  }
}

export default fp(
  async function deviceChannel(app: FastifyInstance, options: DeviceChannelOptions) {
    const sessions = new DeviceSessions(options.inputTimeoutMs);
    app.decorate('deviceSessions', sessions);
    app.decorate('deviceChannel', sessions);
  },
  { name: DEVICE_CHANNEL_PLUGIN, fastify: '5.x' },
);
