// The table of live device connections: one session per device, and the questions waiting for a device's answer.
import { randomUuid } from '../../lib/random-uuid.js';
import { type ClockState, CloseCode, PROTOCOL_VERSION, type ServerMessage } from '../../shared/protocol.js';
import { protocolVersionOf, type UserInput } from '../../shared/user-input.js';
import {
  AgentTooOldError,
  type DeviceChannel,
  DeviceOfflineError,
  DeviceTimeoutError,
  type InputAnswer,
} from '../services/device-channel.js';
import { closeWithGrace } from './close-with-grace.js';

/** What the table needs of a connection; a WebSocket fits. */
export interface SessionSocket {
  send(data: string): void;
  close(code: number, reason: string): void;
  /** Ends the connection at once, without the closing handshake. */
  terminate(): void;
  once(event: 'close', listener: () => void): unknown;
  /** Bytes queued to the peer and not yet written to the network. */
  readonly bufferedAmount: number;
}

/**
 * What the server queues for one device before it counts the device as a slow consumer and drops it. Frames are
 * small (a command is under 1 KB), so a healthy device never comes near this.
 */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

interface WaitingInput {
  deviceId: string;
  resolve: (answer: InputAnswer) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Real ms a clock change waits for devices to settle before it answers anyway (a device may be hung). */
const DEFAULT_SETTLE_TIMEOUT_MS = 5_000;

interface Settling {
  seq: number;
  waiting: Set<SessionSocket>;
  done: () => void;
  timer: NodeJS.Timeout;
}

export class DeviceSessions implements DeviceChannel {
  private readonly sockets = new Map<string, SessionSocket>();
  /** The protocol version each session's hello named, for the inputs an older agent could not read. */
  private readonly versions = new WeakMap<SessionSocket, number>();
  private readonly waiting = new Map<string, WaitingInput>();
  /** Control lines of offline devices (hello with `standby`): clock and fault frames only. */
  private readonly standby = new Map<string, SessionSocket>();
  private clockSeq = 0;
  private readonly settling: Settling[] = [];
  private lastSettle: Promise<void> = Promise.resolve();

  constructor(
    private readonly inputTimeoutMs: number,
    private readonly settleTimeoutMs = DEFAULT_SETTLE_TIMEOUT_MS,
  ) {}

  /**
   * Tells every connected device the clock changed, numbered, and starts the settle barrier: `settled()` resolves once
   * each of those devices has acknowledged it (or closed, or the bound ran out).
   */
  broadcastClock(clock: ClockState): void {
    const seq = ++this.clockSeq;
    const frame = JSON.stringify({ type: 'clock', clock, seq } satisfies ServerMessage);
    const waiting = new Set(
      [...this.sockets.values(), ...this.standby.values()].filter((socket) => this.write(socket, frame)),
    );
    if (waiting.size === 0) {
      this.lastSettle = Promise.resolve();
      return;
    }
    this.lastSettle = new Promise<void>((resolve) => {
      const entry: Settling = {
        seq,
        waiting,
        done: () => {
          clearTimeout(entry.timer);
          this.settling.splice(this.settling.indexOf(entry), 1);
          resolve();
        },
        timer: setTimeout(() => entry.done(), this.settleTimeoutMs),
      };
      entry.timer.unref();
      this.settling.push(entry);
    });
  }

  /** Resolves once every device has taken in the latest clock change (see `broadcastClock`). */
  settled(): Promise<void> {
    return this.lastSettle;
  }

  /** A device settled up to clock frame `seq` (which covers every earlier one). */
  clockAcked(socket: SessionSocket, seq: number): void {
    for (const entry of [...this.settling]) {
      if (entry.seq > seq) continue;
      entry.waiting.delete(socket);
      if (entry.waiting.size === 0) entry.done();
    }
  }

  private forgetSettling(socket: SessionSocket): void {
    for (const entry of [...this.settling]) {
      entry.waiting.delete(socket);
      if (entry.waiting.size === 0) entry.done();
    }
  }

  /** Makes `socket` the device's session; an older one is closed as replaced. */
  attach(deviceId: string, socket: SessionSocket, protocolVersion = PROTOCOL_VERSION): void {
    const previous = this.sockets.get(deviceId);
    this.sockets.set(deviceId, socket);
    this.versions.set(socket, protocolVersion);
    if (previous && previous !== socket) {
      void closeWithGrace(
        previous,
        CloseCode.SessionReplaced,
        'A newer connection for this device replaced this one.',
      );
    }
  }

  /** Forgets the session if it is still the device's current one; says whether it was. */
  detach(deviceId: string, socket: SessionSocket): boolean {
    // A closed connection will never acknowledge a clock change; the barrier does not wait for it.
    this.forgetSettling(socket);
    if (this.sockets.get(deviceId) !== socket) return false;
    this.sockets.delete(deviceId);
    for (const [requestId, waiting] of this.waiting) {
      if (waiting.deviceId !== deviceId) continue;
      clearTimeout(waiting.timer);
      this.waiting.delete(requestId);
      waiting.reject(new DeviceOfflineError(deviceId));
    }
    return true;
  }

  /** Keeps `socket` as the offline device's control line (a newer one replaces it). */
  attachStandby(deviceId: string, socket: SessionSocket): void {
    const previous = this.standby.get(deviceId);
    this.standby.set(deviceId, socket);
    if (previous && previous !== socket) {
      void closeWithGrace(
        previous,
        CloseCode.SessionReplaced,
        'A newer connection for this device replaced this one.',
      );
    }
  }

  detachStandby(deviceId: string, socket: SessionSocket): void {
    this.forgetSettling(socket);
    if (this.standby.get(deviceId) === socket) this.standby.delete(deviceId);
  }

  /** Sends a simulator control frame (a fault) on the device's session, or on its control line while it is offline. */
  sendControl(deviceId: string, message: ServerMessage): boolean {
    if (this.send(deviceId, message)) return true;
    const line = this.standby.get(deviceId);
    return line ? this.write(line, JSON.stringify(message)) : false;
  }

  /** Whether `socket` is the device's current session (not one a newer connection replaced). */
  isCurrent(deviceId: string, socket: SessionSocket): boolean {
    return this.sockets.get(deviceId) === socket;
  }

  isConnected(deviceId: string): boolean {
    return this.sockets.has(deviceId);
  }

  connectedCount(): number {
    return this.sockets.size;
  }

  send(deviceId: string, message: ServerMessage): boolean {
    const socket = this.sockets.get(deviceId);
    if (!socket) return false;
    return this.write(socket, JSON.stringify(message));
  }

  broadcast(message: ServerMessage): void {
    const frame = JSON.stringify(message);
    for (const socket of this.sockets.values()) this.write(socket, frame);
  }

  /** Sends unless the peer has stopped reading; such a peer is dropped with a reason (its commands wait, queued). */
  private write(socket: SessionSocket, frame: string): boolean {
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      void closeWithGrace(socket, CloseCode.SlowConsumer, 'The device does not read its frames; dropped.');
      return false;
    }
    socket.send(frame);
    return true;
  }

  forwardInput(deviceId: string, input: UserInput): Promise<InputAnswer> {
    const requestId = randomUuid();
    return new Promise((resolve, reject) => {
      const socket = this.sockets.get(deviceId);
      const spoken = socket ? (this.versions.get(socket) ?? PROTOCOL_VERSION) : PROTOCOL_VERSION;
      if (socket && spoken < protocolVersionOf(input)) {
        reject(new AgentTooOldError(deviceId, spoken, protocolVersionOf(input)));
        return;
      }
      if (!this.send(deviceId, { type: 'input', requestId, input })) {
        reject(new DeviceOfflineError(deviceId));
        return;
      }
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        reject(new DeviceTimeoutError(deviceId));
      }, this.inputTimeoutMs);
      this.waiting.set(requestId, { deviceId, resolve, reject, timer });
    });
  }

  /** A device answered an input; answers to questions it was not asked are ignored. */
  answerInput(deviceId: string, requestId: string, answer: InputAnswer): void {
    const waiting = this.waiting.get(requestId);
    if (!waiting || waiting.deviceId !== deviceId) return;
    clearTimeout(waiting.timer);
    this.waiting.delete(requestId);
    waiting.resolve(answer);
  }

  /**
   * Closes every session and resolves once each connection has closed and its bookkeeping has run, so nothing
   * touches the services or the store after the server has closed.
   */
  async closeAll(code: number, reason: string): Promise<void> {
    await Promise.all([...this.sockets.values()].map((socket) => closeWithGrace(socket, code, reason)));
  }
}
