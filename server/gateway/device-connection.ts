// One device's WebSocket on the server: hello first, then every frame parsed with the shared schemas and dispatched.
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import {
  CloseCode,
  DeviceMessage,
  PROTOCOL_VERSION,
  ProtocolErrorCode,
  type ServerMessage,
} from '../../shared/protocol.js';
import type { Services } from '../services/services.js';
import type { DeviceSessions } from './device-sessions.js';

export interface GatewayLimits {
  helloTimeoutMs: number;
  /** Malformed frames tolerated on one connection before it is closed. */
  maxProtocolErrors: number;
}

type Hello = Extract<DeviceMessage, { type: 'hello' }>;

export class DeviceConnection {
  private deviceId: string | null = null;
  private protocolErrors = 0;
  private readonly helloTimer: NodeJS.Timeout;

  constructor(
    private readonly socket: WebSocket,
    private readonly sessions: DeviceSessions,
    private readonly services: Services,
    private readonly limits: GatewayLimits,
    private readonly log: FastifyBaseLogger,
  ) {
    this.helloTimer = setTimeout(
      () => socket.close(CloseCode.HelloTimeout, 'No hello received in time.'),
      limits.helloTimeoutMs,
    );
    socket.on('message', (data, isBinary) => {
      try {
        this.receive(isBinary ? null : data.toString());
      } catch (error) {
        // A bug in handling one frame must not take the server or other devices down.
        this.log.error({ err: error, deviceId: this.deviceId }, 'failed to handle a device frame');
      }
    });
    socket.on('close', () => this.closed());
    socket.on('error', (error) =>
      this.log.debug({ err: error, deviceId: this.deviceId }, 'device socket error'),
    );
  }

  private receive(raw: string | null): void {
    let json: unknown;
    try {
      json = raw === null ? undefined : JSON.parse(raw);
    } catch {
      json = undefined;
    }
    if (json === undefined) {
      this.protocolError(ProtocolErrorCode.InvalidJson, 'Frames must be JSON text.');
      return;
    }
    if (this.deviceId === null && isOtherVersionHello(json)) {
      this.socket.close(
        CloseCode.UnsupportedProtocol,
        `This server speaks protocol version ${PROTOCOL_VERSION}.`,
      );
      return;
    }
    const parsed = DeviceMessage.safeParse(json);
    if (!parsed.success) {
      if (this.deviceId === null) {
        this.socket.close(CloseCode.HelloRequired, 'The first frame must be a valid hello.');
        return;
      }
      const where = parsed.error.issues[0];
      this.protocolError(
        ProtocolErrorCode.InvalidMessage,
        `Invalid frame${where ? ` at ${where.path.join('.') || '(root)'}: ${where.message}` : ''}.`,
      );
      return;
    }
    const message = parsed.data;
    if (this.deviceId === null) {
      if (message.type !== 'hello') {
        this.socket.close(CloseCode.HelloRequired, 'The first frame must be a hello.');
        return;
      }
      this.hello(message);
      return;
    }
    const deviceId = this.deviceId;
    switch (message.type) {
      case 'hello':
        this.protocolError(ProtocolErrorCode.UnexpectedHello, 'This connection has already said hello.');
        return;
      case 'state':
        this.services.registry.reportState(deviceId, message.state);
        return;
      case 'result': {
        if (message.state) this.services.registry.reportState(deviceId, message.state);
        const outcome = this.services.actions.recordResult(deviceId, message.result);
        if (outcome === 'foreign') {
          this.protocolError(ProtocolErrorCode.UnknownCommand, 'That command was not sent to this device.');
        }
        return;
      }
      case 'inputResult':
        this.sessions.answerInput(
          deviceId,
          message.requestId,
          message.accepted ? { accepted: true } : { accepted: false, reason: message.reason ?? 'Refused.' },
        );
        return;
    }
  }

  private hello(hello: Hello): void {
    const result = this.services.registry.authenticate(hello);
    if (!result.ok) {
      this.log.warn({ deviceId: hello.deviceId }, `device refused: ${result.reason}`);
      this.socket.close(CloseCode.Unauthorized, result.reason);
      return;
    }
    clearTimeout(this.helloTimer);
    this.deviceId = hello.deviceId;
    this.sessions.attach(hello.deviceId, this.socket);
    this.send({ type: 'welcome', deviceId: hello.deviceId, clock: this.services.clock.snapshot() });
    this.services.registry.setConnected(hello.deviceId, true);
    this.services.actions.deliver(hello.deviceId);
  }

  private closed(): void {
    clearTimeout(this.helloTimer);
    if (this.deviceId === null) return;
    if (this.sessions.detach(this.deviceId, this.socket)) {
      this.services.actions.deviceDisconnected(this.deviceId);
      this.services.registry.setConnected(this.deviceId, false);
    }
  }

  private protocolError(code: string, message: string): void {
    this.protocolErrors++;
    this.log.warn({ deviceId: this.deviceId, code }, message);
    this.send({ type: 'protocolError', code, message });
    if (this.protocolErrors > this.limits.maxProtocolErrors) {
      this.socket.close(CloseCode.TooManyProtocolErrors, 'Too many malformed frames.');
    }
  }

  private send(message: ServerMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }
}

function isOtherVersionHello(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false;
  const frame = json as { type?: unknown; protocolVersion?: unknown };
  return (
    frame.type === 'hello' &&
    typeof frame.protocolVersion === 'number' &&
    frame.protocolVersion !== PROTOCOL_VERSION
  );
}
