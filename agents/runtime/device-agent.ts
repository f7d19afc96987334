// One emulated device's life on the network: hello, commands, user input and state reports over its own WebSocket.
import type { Logger } from 'pino';
import WebSocket from 'ws';
import type { ControllableClock } from '../../lib/controllable-clock.js';
import { sameJson } from '../../lib/same-json.js';
import type { CommandResult } from '../../shared/commands.js';
import type { DeviceState } from '../../shared/device-state.js';
import type { Inventory } from '../../shared/inventory.js';
import {
  CloseCode,
  type DeviceMessage,
  FrameCloseCode,
  PROTOCOL_VERSION,
  ServerMessage,
} from '../../shared/protocol.js';
import type { EmulatedDevice, InputOutcome } from './emulated-device.js';
import { FaultInjector } from './fault-injector.js';

export interface DeviceAgentOptions {
  /** ws:// or wss:// URL of the server's device gateway. */
  gatewayUrl: string;
  enrollmentToken: string;
  fleet: string;
  clock: ControllableClock;
  logger: Logger;
  /** Extra CA certificates (PEM) to trust for wss://, e.g. mdmsim's local CA. */
  ca?: string;
}

export type AgentStatus = 'connecting' | 'online' | 'offline' | 'refused' | 'stopped';

/** Close codes after which retrying cannot help. */
const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.Unauthorized,
  CloseCode.UnsupportedProtocol,
]);
const MAX_BACKOFF_MS = 10_000;
/** Failed attempts in a row after which a device says, once, at warn, that it still cannot reach the server. */
const WARN_AFTER_ATTEMPTS = 6;

/** Exponential backoff from 100 ms to 10 s with full jitter over its upper half, so a fleet does not reconnect in step. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(attempt, 20));
  return base / 2 + random() * (base / 2);
}

export class DeviceAgent {
  private socket: WebSocket | undefined;
  private attempts = 0;
  /** Sessions in a row the server closed with 1011 (it failed to handle a frame) soon after its welcome. */
  private serverFailures = 0;
  /** When the current session's welcome came (real ms). */
  private welcomedAt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private standbySocket: WebSocket | undefined;
  private standbyTimer: NodeJS.Timeout | undefined;
  private standbyAttempts = 0;
  /** An `offline` fault arrived and the session is still to be closed. */
  private offlineWanted = false;
  /** The state the server last heard (compared by value); undefined when it must hear the next one whatever it is. */
  private lastSentState: DeviceState | undefined;
  private holdStateReports = false;
  private statusListeners: Array<(status: AgentStatus) => void> = [];
  /** A simulated-clock timer that brings the device back after an `offline` fault with `forMs`. */
  private offlineTimer: number | undefined;
  /** Made on the first fault: most devices of a large fleet never get one. */
  private injectedFaults: FaultInjector | undefined;
  status: AgentStatus = 'offline';
  /** Why the server refused the device for good (status `refused`): its close reason, as the server wrote it. */
  refusal: string | undefined;

  constructor(
    readonly deviceId: string,
    private readonly deviceSecret: string,
    readonly inventory: Inventory,
    readonly device: EmulatedDevice,
    private readonly options: DeviceAgentOptions,
  ) {
    device.onStateChange((state) => this.reportState(state));
  }

  /** Faults a scenario injected (NotNow, dropped connections, latency, offline spells). */
  get faults(): FaultInjector {
    this.injectedFaults ??= new FaultInjector({
      goOffline: (forMs) => this.goOffline(forMs),
      goOnline: () => this.resume(),
    });
    return this.injectedFaults;
  }

  start(): void {
    if (this.status === 'stopped') return;
    this.connect();
  }

  /**
   * Closes the connection for good (or until `start` is called again). `abrupt`: drops it without the closing
   * handshake, which a server that no longer answers would never end.
   */
  stop(abrupt = false): Promise<void> {
    this.offlineWanted = false;
    this.closeStandby();
    return this.disconnect(abrupt);
  }

  private disconnect(abrupt = false): Promise<void> {
    this.setStatus('stopped');
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    if (abrupt) {
      socket.terminate();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1000, 'agent stopping');
    });
  }

  /** Restarts a stopped agent. */
  resume(): void {
    if (this.offlineTimer !== undefined) this.options.clock.clearTimeout(this.offlineTimer);
    this.offlineTimer = undefined;
    this.offlineWanted = false;
    this.closeStandby();
    if (this.status !== 'stopped') return;
    this.status = 'offline';
    this.attempts = 0;
    this.connect();
  }

  /**
   * Goes offline as an `offline` fault asks: for good, or for `forMs` simulated milliseconds. The device keeps a
   * standby line that the server does not count as a connection, so it still hears the clock and an `online` fault.
   */
  private goOffline(forMs: number | undefined): void {
    // The standby line is up before the session closes, so once the server shows the device offline it can reach it.
    this.offlineWanted = true;
    this.openStandby();
    if (forMs !== undefined) this.offlineTimer = this.options.clock.setTimeout(() => this.resume(), forMs);
  }

  /** Closes the device's session once (when the standby line is ready, or could not be opened). */
  private leaveSession(): void {
    if (!this.offlineWanted) return;
    this.offlineWanted = false;
    void this.disconnect();
  }

  private openStandby(): void {
    const socket = new WebSocket(this.options.gatewayUrl, { perMessageDeflate: false });
    this.standbySocket = socket;
    socket.once('close', () => this.leaveSession());
    socket.on('open', () => {
      socket.send(JSON.stringify({ ...this.hello(), standby: true } satisfies DeviceMessage));
    });
    socket.on('message', (data) => {
      if (this.standbySocket === socket) this.receiveOnStandby(socket, data.toString());
    });
    socket.on('error', (error) =>
      this.options.logger.debug({ err: error, deviceId: this.deviceId }, 'standby socket error'),
    );
    socket.on('close', (code) => {
      if (this.standbySocket !== socket) return;
      this.standbySocket = undefined;
      if (this.status !== 'stopped' || FINAL_CLOSE_CODES.has(code)) return;
      this.standbyTimer = setTimeout(
        () => {
          if (this.status === 'stopped' && this.standbySocket === undefined) this.openStandby();
        },
        reconnectDelayMs(this.standbyAttempts++),
      );
    });
  }

  private closeStandby(): void {
    clearTimeout(this.standbyTimer);
    const socket = this.standbySocket;
    this.standbySocket = undefined;
    socket?.terminate();
  }

  /** The standby line hears only the clock (acknowledged like any) and faults (an `online` brings the device back). */
  private receiveOnStandby(socket: WebSocket, raw: string): void {
    let message: ServerMessage;
    try {
      message = ServerMessage.parse(JSON.parse(raw));
    } catch {
      return;
    }
    if (message.type === 'welcome') {
      this.standbyAttempts = 0;
      this.options.clock.sync(message.clock);
      this.leaveSession();
    }
    if (message.type === 'clock') {
      this.options.clock.sync(message.clock);
      if (message.seq !== undefined && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ type: 'clockAck', seq: message.seq } satisfies DeviceMessage));
      }
    }
    if (message.type === 'fault') this.faults.apply(message.fault);
  }

  /** Cuts the connection as a network failure would; the agent reconnects by itself. */
  dropConnection(): void {
    this.socket?.terminate();
  }

  /** Calls `listener` on every status change until the returned function is called. */
  onStatus(listener: (status: AgentStatus) => void): () => void {
    this.statusListeners = this.statusListeners.concat(listener); // not a push: that makes room for 17
    return () => {
      this.statusListeners = this.statusListeners.filter((l) => l !== listener);
    };
  }

  private setStatus(status: AgentStatus): void {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private connect(): void {
    this.setStatus('connecting');
    const socket = new WebSocket(this.options.gatewayUrl, {
      perMessageDeflate: false,
      ...(this.options.ca ? { ca: this.options.ca } : {}),
    });
    this.socket = socket;
    socket.on('open', () => {
      this.lastSentState = this.device.state();
      this.send(this.hello());
    });
    socket.on('message', (data) => this.receive(data.toString()));
    socket.on('error', (error) =>
      this.options.logger.debug({ err: error, deviceId: this.deviceId }, 'socket error'),
    );
    socket.on('close', (code, reason) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (this.status === 'stopped') return;
      if (FINAL_CLOSE_CODES.has(code)) {
        this.refusal = reason.toString() || `close code ${code}`;
        this.options.logger.error(
          { deviceId: this.deviceId, code, reason: this.refusal },
          'server refused the device; not retrying',
        );
        this.setStatus('refused');
        return;
      }
      if (this.status === 'online') {
        this.options.logger.info(
          { deviceId: this.deviceId, code },
          'connection to the server lost; reconnecting',
        );
      }
      // A server that failed to handle this session (1011) is backed off from as from one that cannot be reached:
      // its welcome, which reset the count, did not mean it could serve the device.
      // A session that served for a while before its 1011 starts the count over.
      if (code !== FrameCloseCode.InternalError || Date.now() - this.welcomedAt > MAX_BACKOFF_MS) {
        this.serverFailures = 0;
      }
      if (code === FrameCloseCode.InternalError) {
        this.attempts = Math.max(this.attempts, ++this.serverFailures);
      }
      this.setStatus('offline');
      this.scheduleReconnect();
    });
  }

  private hello(): Extract<DeviceMessage, { type: 'hello' }> {
    return {
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      deviceId: this.deviceId,
      deviceSecret: this.deviceSecret,
      enrollmentToken: this.options.enrollmentToken,
      fleet: this.options.fleet,
      inventory: this.inventory,
      state: this.device.state(),
    };
  }

  /**
   * Tries again for as long as the agent runs: the timer is deliberately not unref'd, so a fleet waiting for its
   * server keeps its process alive (it ends on a signal, not when the server goes away).
   */
  private scheduleReconnect(): void {
    const delay = reconnectDelayMs(this.attempts);
    this.attempts++;
    const log = { deviceId: this.deviceId, attempt: this.attempts, delayMs: Math.round(delay) };
    if (this.attempts === WARN_AFTER_ATTEMPTS)
      this.options.logger.warn(log, 'still cannot reach the server; retrying');
    else this.options.logger.debug(log, 'reconnecting');
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  /**
   * Handles one frame from the server: the socket's messages, and the start-up warm-up's rehearsal on throwaway agents
   * that never connect (their answers go nowhere: `send` writes only to an open socket).
   */
  receive(raw: string): void {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      this.options.logger.warn({ deviceId: this.deviceId }, 'server sent a frame that is not JSON');
      return;
    }
    const parsed = ServerMessage.safeParse(json);
    if (!parsed.success) {
      this.options.logger.warn(
        { deviceId: this.deviceId, issues: parsed.error.issues },
        'server sent an invalid frame',
      );
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'welcome':
        if (this.attempts >= WARN_AFTER_ATTEMPTS) {
          this.options.logger.info({ deviceId: this.deviceId, attempts: this.attempts }, 'reconnected');
        }
        this.attempts = 0;
        this.welcomedAt = Date.now();
        this.options.clock.sync(message.clock);
        this.setStatus('online');
        this.reportState(this.device.state());
        return;
      case 'clock':
        // Timers fire and their state reports go out inside sync, so the ack follows them on the wire.
        this.options.clock.sync(message.clock);
        if (message.seq !== undefined) this.send({ type: 'clockAck', seq: message.seq });
        return;
      case 'fault':
        this.options.logger.info({ deviceId: this.deviceId, fault: message.fault }, 'fault injected');
        this.faults.apply(message.fault);
        return;
      case 'reset':
        this.options.logger.info({ deviceId: this.deviceId }, 'reset to the fleet starting state');
        this.injectedFaults?.clear();
        // Always report after a reset, even an unchanged state: the simulator waits for it.
        this.lastSentState = undefined;
        this.device.reset(this.options.clock.now());
        this.reportState(this.device.state());
        return;
      case 'command': {
        const fate = this.injectedFaults?.fateOfCommand() ?? 'run';
        if (fate === 'drop') {
          this.dropConnection();
          return;
        }
        if (fate === 'notNow') {
          this.send({ type: 'result', result: { commandId: message.commandId, status: 'NotNow' } });
          return;
        }
        // The state the command leaves behind rides on the result: one frame per command, not two.
        this.holdStateReports = true;
        let result: CommandResult;
        try {
          result = this.device.runCommand(message.commandId, message.request, this.options.clock.now());
        } finally {
          this.holdStateReports = false;
        }
        const state = this.unreportedState();
        this.send({ type: 'result', result, ...(state ? { state } : {}) });
        return;
      }
      case 'input': {
        // The state goes out once the input is whole, so a lockout it began is on the device's disk before anyone
        // hears of it (its length comes with the refusal, after the machine's change).
        this.holdStateReports = true;
        let outcome: InputOutcome;
        try {
          outcome = this.device.applyInput(message.input);
        } finally {
          this.holdStateReports = false;
        }
        this.reportState(this.device.state());
        this.send({ type: 'inputResult', requestId: message.requestId, ...outcome });
        return;
      }
      case 'protocolError':
        this.options.logger.warn({ deviceId: this.deviceId, code: message.code }, message.message);
        return;
    }
  }

  private reportState(state: DeviceState): void {
    if (this.holdStateReports || this.status !== 'online') return;
    const changed = this.unreportedState(state);
    if (changed) this.send({ type: 'state', state: changed });
  }

  /** The device's state if the server has not seen it yet (and marks it seen), else null. */
  private unreportedState(state: DeviceState = this.device.state()): DeviceState | null {
    if (this.lastSentState !== undefined && sameJson(state, this.lastSentState)) return null;
    this.lastSentState = state;
    return state;
  }

  private send(message: DeviceMessage): void {
    const socket = this.socket;
    if (!this.injectedFaults) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
      return;
    }
    this.injectedFaults.delay(() => {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    });
  }
}
