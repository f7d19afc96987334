// A hand-driven device socket for protocol tests: send any frame, read every frame and the close code.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { DeviceAgent } from '../../agents/runtime/device-agent.js';
import { deviceSecretFor } from '../../agents/runtime/device-identity.js';
import { gatewayUrlOf } from '../../agents/runtime/fleet-runner.js';
import type { Simulation } from '../../runner/simulation.js';
import { PROTOCOL_VERSION, type ServerMessage } from '../../shared/protocol.js';

export interface RawDevice {
  socket: WebSocket;
  sendJson(frame: unknown): void;
  sendRaw(data: string | Buffer): void;
  /** Every frame received so far, in order (including those `next` has returned). */
  readonly log: readonly ServerMessage[];
  /** Resolves with the next frame of `type` (already received or still to come). */
  next<T extends ServerMessage['type']>(
    type: T,
    timeoutMs?: number,
  ): Promise<Extract<ServerMessage, { type: T }>>;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export async function connectRawDevice(serverUrl: string): Promise<RawDevice> {
  const socket = new WebSocket(gatewayUrlOf(serverUrl));
  const received: ServerMessage[] = [];
  const log: ServerMessage[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerMessage;
    received.push(frame);
    log.push(frame);
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    sendJson: (frame) => socket.send(JSON.stringify(frame)),
    sendRaw: (data) => socket.send(data),
    log,
    next(type, timeoutMs = 3000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`No ${type} frame within ${timeoutMs} ms`)),
          timeoutMs,
        );
        const look = () => {
          const index = received.findIndex((frame) => frame.type === type);
          if (index >= 0) {
            clearTimeout(timer);
            resolve(received.splice(index, 1)[0] as Extract<ServerMessage, { type: typeof type }>);
          } else {
            waiters.push(look);
          }
        };
        look();
      });
    },
    closed,
    async close() {
      if (socket.readyState !== WebSocket.CLOSED) {
        socket.close();
        await closed;
      }
    },
  };
}

/**
 * A hand-driven device enrolled as a copy of one of the simulation's agents (its inventory, with `deviceName` if
 * given, and its state) under a new id and `fleet`: connected and welcomed, every frame it receives kept.
 */
export async function enrollRawDevice(
  sim: Simulation,
  like: DeviceAgent,
  options: { fleet: string; deviceName?: string },
): Promise<{ id: string; device: RawDevice }> {
  const id = randomUUID();
  const device = await connectRawDevice(sim.url);
  device.sendJson({
    type: 'hello',
    protocolVersion: PROTOCOL_VERSION,
    deviceId: id,
    deviceSecret: deviceSecretFor(sim.enrollmentToken, id),
    enrollmentToken: sim.enrollmentToken,
    fleet: options.fleet,
    inventory: options.deviceName ? { ...like.inventory, deviceName: options.deviceName } : like.inventory,
    state: like.device.state(),
  });
  await device.next('welcome');
  return { id, device };
}
