// Follows the server's /sim/events stream so waits wake on real changes, and keeps each device's recent history.
import { type ClientRequest, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { ActionView } from '../shared/sim/action-view.js';
import type { DeviceView } from '../shared/sim/device-view.js';
import { parseSimEvent } from '../shared/sim/events.js';
import {
  asServerUnavailable,
  isServerClosingAnswer,
  ServerUnavailable,
  serverClosing,
} from './server-unavailable.js';
import { AnswerError, answerBody, DEFAULT_REQUEST_TIMEOUT_MS } from './sim-client.js';

const HISTORY_PER_DEVICE = 12;

type Waiter = { after: number; resolve: (changed: boolean) => void; timer: NodeJS.Timeout };

export class EventFeed {
  /** Grows by one on every event; waits compare against it so no change between check and wait is missed. */
  seq = 0;
  private request: ClientRequest | undefined;
  private opening: Promise<void> | undefined;
  private waiters = new Set<Waiter>();
  private readonly history = new Map<string, string[]>();
  private closed = false;

  constructor(
    private readonly baseUrl: string,
    private readonly simToken: string,
    /** Real ms the server may take to answer the stream's request (its events may then be rare). */
    private readonly answerTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {}

  /** Opens the stream if it is not open (again, after a server restart); resolves once the server answered. */
  open(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.opening) return this.opening;
    this.opening = new Promise<void>((resolve, reject) => {
      const url = new URL('/sim/events', this.baseUrl);
      // node:http rather than fetch: closing must end the connection at once, not leave it in a keep-alive pool.
      const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
        agent: false,
        headers: { authorization: `Bearer ${this.simToken}` },
      });
      this.request = request;
      const fail = (error: unknown) => {
        clearTimeout(silence);
        if (this.request === request) this.opening = undefined;
        reject(asServerUnavailable(error, 'GET /sim/events'));
      };
      // A server that takes the connection but never answers (paused, hung) is unavailable, not waited on forever.
      const silence = setTimeout(() => {
        const timeout = new Error('no answer');
        timeout.name = 'TimeoutError';
        request.destroy(timeout);
      }, this.answerTimeoutMs);
      request.on('response', (response) => {
        if (response.statusCode !== 200) {
          // The refusal's body says why (Graph's error body: a wrong simulator token, say). It is read under the same
          // deadline: a body that never ends is a silent server too.
          const status = response.statusCode ?? 0;
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            if (text.length < 4_096) text += chunk;
          });
          const refuse = () => {
            clearTimeout(silence);
            const body = answerBody(text, [this.simToken]);
            reject(
              isServerClosingAnswer(status, body)
                ? serverClosing('GET /sim/events')
                : new AnswerError('GET /sim/events', { status, body }),
            );
          };
          response.on('end', refuse);
          response.on('error', fail);
          return;
        }
        clearTimeout(silence);
        response.setEncoding('utf8');
        const parser = createParser({ onEvent: (message) => this.receive(message) });
        response.on('data', (chunk: string) => parser.feed(chunk));
        response.on('close', () => {
          // The stream ended (server restart or close); the next wait reopens it.
          if (this.request === request) this.opening = undefined;
          this.bump();
        });
        resolve();
      });
      request.on('error', fail);
      request.end();
    });
    return this.opening;
  }

  /** Resolves true as soon as an event newer than `after` arrives, false after `timeoutMs` without one. */
  async waitBeyond(after: number, timeoutMs: number): Promise<boolean> {
    await this.open().catch((error: unknown) => {
      // A server that is shutting down, or gone, is said at once (exit 3 against a shared server): waiting the step's
      // whole timeout for events that cannot come would hide it. Anything else (the stream refused with an answer)
      // leaves the wait to the step's own checks.
      if (error instanceof ServerUnavailable) throw error;
    });
    if (this.seq > after) return true;
    return new Promise((resolve) => {
      const waiter: Waiter = {
        after,
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** What happened to the device lately, oldest first, one line each. */
  recent(deviceId: string): string[] {
    return [...(this.history.get(deviceId) ?? [])];
  }

  /** Drops the connection (a server that is closing waits for open streams); the next wait reconnects. */
  disconnect(): void {
    const request = this.request;
    this.request = undefined;
    this.opening = undefined;
    request?.destroy();
    this.bump();
  }

  close(): void {
    this.closed = true;
    this.request?.destroy();
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(false);
    }
    this.waiters.clear();
  }

  private receive(message: EventSourceMessage): void {
    try {
      const parsed = parseSimEvent(message.event, message.data);
      if (parsed?.event === 'device') this.remember(describeDevice(parsed.data));
      if (parsed?.event === 'action') this.remember(describeAction(parsed.data));
    } catch {
      // A frame we cannot read still counts as a change.
    }
    this.bump();
  }

  private remember([deviceId, line]: [string, string]): void {
    const lines = this.history.get(deviceId) ?? [];
    lines.push(line);
    if (lines.length > HISTORY_PER_DEVICE) lines.shift();
    this.history.set(deviceId, lines);
  }

  private bump(): void {
    this.seq++;
    for (const waiter of this.waiters) {
      if (this.seq <= waiter.after) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve(true);
    }
  }
}

function describeDevice(device: DeviceView): [string, string] {
  const { state } = device;
  return [
    device.id,
    `device: ${device.connected ? 'online' : 'offline'}, screen ${state.screen.view}${state.screen.message ? ` ("${state.screen.message}")` : ''}, passcodeSet ${state.passcodeSet}, compliant ${state.compliant}${state.prompt ? `, prompt${state.prompt.enforced ? ' enforced' : ''}` : ''}${state.resetToken ? `, token ${state.resetToken}` : ''}`,
  ];
}

function describeAction(action: ActionView): [string, string] {
  return [
    action.deviceId,
    `action ${action.action}: ${action.state}${action.errorCode !== null ? ` (error ${action.errorCode}: ${action.errorDescription})` : ''}`,
  ];
}
