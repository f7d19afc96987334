// One device's WebSocket on the server: hello first, then every frame parsed with the shared schemas and dispatched.
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import {
  CloseCode,
  DeviceMessage,
  FrameCloseCode,
  ProtocolErrorCode,
  type ServerMessage,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '../../shared/protocol.js';
import type { Services } from '../services/services.js';
import { closeWithGrace } from './close-with-grace.js';
import type { DeviceSessions } from './device-sessions.js';
import type { EditionCheck } from './edition-mismatch.js';
import { beginSession, endSession } from './session-lifecycle.js';

export interface GatewayLimits {
  helloTimeoutMs: number;
  /** Malformed frames tolerated on one connection before it is closed. */
  maxProtocolErrors: number;
  /** Real ms between server pings; a connection that has not answered the previous ping by then is cut. */
  pingIntervalMs?: number;
  /** Frames per real second one connection may send on average (bursts up to twice this); more closes it. */
  framesPerSecond?: number;
}

/** Far above what a device sends (a few frames per command or clock change), far below what floods a server. */
export const DEFAULT_FRAMES_PER_SECOND = 200;

/** Long enough for a loaded machine, short enough that a half-open connection does not hold a device's commands. */
export const DEFAULT_PING_INTERVAL_MS = 30_000;

type Hello = Extract<DeviceMessage, { type: 'hello' }>;

export class DeviceConnection {
  private deviceId: string | null = null;
  /** A control line of an offline device: clock acks only, never counted as connected. */
  private standby = false;
  private protocolErrors = 0;
  /** Set once this connection closes its peer for what it sent (or did not send): later frames go unread. */
  private refusing = false;
  /** Dropped once the hello is in, so a connected device does not keep its spent timer. */
  private helloTimer: NodeJS.Timeout | undefined;
  private readonly pingSweep: PingSweep;
  private answeredPing = true;
  /** Token bucket for the per-connection rate limit. */
  private frameTokens: number;
  private tokensAt = performance.now();

  constructor(
    private readonly socket: WebSocket,
    private readonly sessions: DeviceSessions,
    private readonly services: Services,
    private readonly limits: GatewayLimits,
    private readonly log: FastifyBaseLogger,
    /** The server's check of a hello against its support edition (edition-mismatch.ts). */
    private readonly editionCheck: EditionCheck,
  ) {
    this.helloTimer = setTimeout(
      () => this.refuse(CloseCode.HelloTimeout, 'No hello received in time.'),
      limits.helloTimeoutMs,
    );
    this.frameTokens = 2 * (limits.framesPerSecond ?? DEFAULT_FRAMES_PER_SECOND);
    socket.on('message', (data, isBinary) => {
      // Once this connection has refused its peer, what the peer still sends is moot (and is not logged per frame).
      // A close decided elsewhere (a newer session, shutdown) still reads what is in flight: a final result counts.
      if (this.refusing) return;
      if (!this.withinRate()) return;
      try {
        this.receive(isBinary ? null : data.toString());
      } catch (error) {
        // A frame the server could not handle (a store that refused the change, a bug) must not take the server or
        // other devices down, nor leave this device believing it was heard: it reconnects and is served again.
        this.log.error({ err: error, deviceId: this.deviceId }, 'failed to handle a device frame');
        if (this.socket.readyState === this.socket.OPEN) {
          this.refuse(FrameCloseCode.InternalError, 'The server failed to handle a frame; reconnect.');
        }
      }
    });
    this.pingSweep = PingSweep.every(limits.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS);
    this.pingSweep.add(this);
    socket.on('pong', () => {
      this.answeredPing = true;
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
      this.refuse(
        CloseCode.UnsupportedProtocol,
        `This server speaks protocol versions ${SUPPORTED_PROTOCOL_VERSIONS.slice(0, -1).join(', ')} and ${SUPPORTED_PROTOCOL_VERSIONS.at(-1)}.`,
      );
      return;
    }
    const parsed = DeviceMessage.safeParse(json);
    if (!parsed.success) {
      if (this.deviceId === null) {
        this.refuse(CloseCode.HelloRequired, 'The first frame must be a valid hello.');
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
        this.refuse(CloseCode.HelloRequired, 'The first frame must be a hello.');
        return;
      }
      this.hello(message);
      return;
    }
    const deviceId = this.deviceId;
    if (this.standby && message.type !== 'clockAck') {
      this.protocolError(
        ProtocolErrorCode.InvalidMessage,
        'A standby connection only acknowledges clock frames.',
      );
      return;
    }
    switch (message.type) {
      case 'hello':
        this.protocolError(ProtocolErrorCode.UnexpectedHello, 'This connection has already said hello.');
        return;
      case 'state':
        this.services.registry.reportState(deviceId, message.state);
        return;
      case 'result': {
        // Refused whole: a device cannot answer another's command, nor slip a state in with the attempt.
        if (this.services.actions.isForeignCommand(deviceId, message.result.commandId)) {
          this.protocolError(ProtocolErrorCode.UnknownCommand, 'That command was not sent to this device.');
          return;
        }
        if (message.state) this.services.registry.reportState(deviceId, message.state);
        else this.services.registry.checkedIn(deviceId);
        this.services.actions.recordResult(
          deviceId,
          message.result,
          this.sessions.isCurrent(deviceId, this.socket),
        );
        return;
      }
      case 'clockAck':
        this.sessions.clockAcked(this.socket, message.seq);
        return;
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
      this.refuse(CloseCode.Unauthorized, result.reason);
      return;
    }
    clearTimeout(this.helloTimer);
    this.helloTimer = undefined;
    this.deviceId = hello.deviceId;
    this.editionCheck(hello, this.log);
    this.send({ type: 'welcome', deviceId: hello.deviceId, clock: this.services.clock.snapshot() });
    if (hello.standby) {
      this.standby = true;
      this.sessions.attachStandby(hello.deviceId, this.socket);
      return;
    }
    beginSession(this.sessions, this.services, hello.deviceId, this.socket, hello.protocolVersion);
  }

  private withinRate(): boolean {
    const rate = this.limits.framesPerSecond ?? DEFAULT_FRAMES_PER_SECOND;
    const now = performance.now();
    this.frameTokens = Math.min(2 * rate, this.frameTokens + ((now - this.tokensAt) / 1000) * rate);
    this.tokensAt = now;
    if (this.frameTokens >= 1) {
      this.frameTokens--;
      return true;
    }
    if (this.socket.readyState === this.socket.OPEN) {
      this.log.warn({ deviceId: this.deviceId }, 'device exceeded its frame rate; closing its connection');
      this.refuse(CloseCode.RateLimited, 'Too many frames; slow down.');
    }
    return false;
  }

  /** A dead peer (half-open TCP) never answers: cut it so its commands go to the device's next session. */
  ping(): void {
    if (!this.answeredPing) {
      this.log.info({ deviceId: this.deviceId }, 'device did not answer a ping; closing its connection');
      this.socket.terminate();
      return;
    }
    this.answeredPing = false;
    if (this.socket.readyState === this.socket.OPEN) this.socket.ping();
  }

  private closed(): void {
    clearTimeout(this.helloTimer);
    this.pingSweep.delete(this);
    if (this.deviceId === null) return;
    if (this.standby) {
      this.sessions.detachStandby(this.deviceId, this.socket);
      return;
    }
    try {
      endSession(this.sessions, this.services, this.deviceId, this.socket);
    } catch (error) {
      // The store refused the change (its batch lost, or it is closed): the session is gone all the same, and the
      // device's next session requeues what was on this one. A close event must never take the server down.
      this.log.error({ err: error, deviceId: this.deviceId }, 'failed to record a device disconnecting');
    }
  }

  /** Closes the connection for what the peer sent, once; frames that follow are dropped unread. */
  private refuse(code: number, reason: string): void {
    this.refusing = true;
    void closeWithGrace(this.socket, code, reason);
  }

  private protocolError(code: string, message: string): void {
    this.protocolErrors++;
    this.log.warn({ deviceId: this.deviceId, code }, message);
    this.send({ type: 'protocolError', code, message });
    if (this.protocolErrors > this.limits.maxProtocolErrors) {
      this.refuse(CloseCode.TooManyProtocolErrors, 'Too many malformed frames.');
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
    !(SUPPORTED_PROTOCOL_VERSIONS as readonly number[]).includes(frame.protocolVersion)
  );
}

/**
 * One timer per ping interval pings every connection, instead of a timer per connection (memory per device). A
 * connection is pinged at the first sweep after it opens and cut at the first sweep that finds the previous ping
 * unanswered, so a dead peer is still cut within two intervals. The timer stops when its last connection closes.
 */
class PingSweep {
  private static readonly byInterval = new Map<number, PingSweep>();
  private readonly connections = new Set<DeviceConnection>();
  private timer: NodeJS.Timeout | undefined;

  private constructor(private readonly intervalMs: number) {}

  static every(intervalMs: number): PingSweep {
    let sweep = PingSweep.byInterval.get(intervalMs);
    if (!sweep) {
      sweep = new PingSweep(intervalMs);
      PingSweep.byInterval.set(intervalMs, sweep);
    }
    return sweep;
  }

  add(connection: DeviceConnection): void {
    this.connections.add(connection);
    if (this.timer) return;
    this.timer = setInterval(() => {
      for (const each of this.connections) each.ping();
    }, this.intervalMs);
    this.timer.unref();
  }

  delete(connection: DeviceConnection): void {
    this.connections.delete(connection);
    if (this.connections.size > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
