// The runner's only way to drive a server: Graph as the admin and /sim as the devices' side, over plain HTTP.

import type { Fault } from '../shared/faults.js';
import type { GraphFaultRuleInput } from '../shared/graph/graph-fault.js';
import { ClockView } from '../shared/sim/clock-view.js';
import { DeviceView as SimDevice } from '../shared/sim/device-view.js';
import type { UserInput } from '../shared/user-input.js';
import { asServerUnavailable, isServerClosingAnswer, serverClosing } from './server-unavailable.js';

export interface HttpAnswer<T = unknown> {
  status: number;
  body: T;
}

/** How much of a body that is not Graph's error body a failure quotes (a proxy's HTML page can be long). */
const QUOTED_BODY_CHARS = 300;

/** An answer's body as a failure quotes it: JSON, cut to a readable length. */
export function quoteBody(body: unknown): string {
  const text = typeof body === 'string' ? body : (JSON.stringify(body) ?? '');
  return text.length > QUOTED_BODY_CHARS ? `${text.slice(0, QUOTED_BODY_CHARS)}…` : text;
}

/**
 * An answer as a failure names it: `401 InvalidAuthenticationToken: Access token validation failure.` (the status,
 * then Graph's `error.code` and `error.message`, which the simulator API answers too), else the status and the start
 * of the body. Only what the server answered: never a request header, so never a token.
 */
export function describeAnswer(answer: HttpAnswer): string {
  const error =
    answer.body !== null && typeof answer.body === 'object'
      ? (answer.body as { error?: { code?: unknown; message?: unknown } }).error
      : undefined;
  const code = typeof error?.code === 'string' ? error.code : undefined;
  const message = typeof error?.message === 'string' ? error.message : undefined;
  if (code !== undefined || message !== undefined) {
    return `${answer.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`;
  }
  const body = answer.body === null || answer.body === '' ? '' : quoteBody(answer.body);
  return body ? `${answer.status}: ${body}` : String(answer.status);
}

/**
 * An answer's body as the runner keeps it, with each of `secrets` (the tokens the request carried) replaced by
 * `<token>`: in its text before anything reads or quotes a cut of it, and again in every string its JSON gives, since
 * a JSON encoder may have escaped a token's characters (`\/` for `/`). A server, or a proxy in front of it, that echoes
 * the request's Authorization header must not put a token into a report, whole or halved.
 */
export function answerBody(text: string, secrets: readonly string[]): unknown {
  const tokens = secrets.filter((secret) => secret !== '');
  return withoutSecretsIn(parseBody(withoutSecrets(text, tokens)), tokens);
}

function withoutSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (redacted.includes(secret)) redacted = redacted.split(secret).join('<token>');
  }
  return redacted;
}

function withoutSecretsIn(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return withoutSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((item) => withoutSecretsIn(item, secrets));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withoutSecretsIn(item, secrets)]),
    );
  }
  return value;
}

/** A body as JSON when it is JSON, else its text (null when empty). */
function parseBody(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/** A call the server answered with a status the caller cannot use; `answer` keeps the status and body. */
export class AnswerError extends Error {
  override name = 'AnswerError';
  constructor(
    /** The request, such as `GET /sim/devices/{id}` (no host, no headers). */
    readonly request: string,
    readonly answer: HttpAnswer,
  ) {
    super(`${request} answered ${describeAnswer(answer)}`);
  }
}

/** Real ms the runner waits for a server's answer by default: past the simulator's own 10 s device timeout. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export class SimClient {
  constructor(
    readonly baseUrl: string,
    private readonly adminToken: string,
    private readonly simToken: string,
    /** Real ms a request may wait for its answer, body included; past it the server counts as unavailable. */
    private readonly requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {}

  async graph(method: 'GET' | 'POST', path: string): Promise<HttpAnswer> {
    return this.request(method, path, undefined, { authorization: `Bearer ${this.adminToken}` });
  }

  /** Every element of a Graph collection, following @odata.nextLink. */
  async graphCollection(path: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let next: string | undefined = path;
    while (next) {
      const answer = await this.graph('GET', next);
      if (answer.status !== 200) throw new AnswerError(`GET ${next}`, answer);
      const body = answer.body as { value: Record<string, unknown>[]; '@odata.nextLink'?: string };
      items.push(...body.value);
      const link = body['@odata.nextLink'];
      next = link ? link.slice(new URL(link).origin.length) : undefined;
    }
    return items;
  }

  async device(id: string): Promise<SimDevice> {
    const answer = await this.request('GET', `/sim/devices/${encodeURIComponent(id)}`);
    if (answer.status !== 200) throw new AnswerError(`GET /sim/devices/${id}`, answer);
    return SimDevice.parse(answer.body);
  }

  /** The temporary passcode the admin reads in Graph (the simulator API never shows it), or null. */
  async temporaryPasscode(id: string): Promise<string | null> {
    const path = `/beta/deviceManagement/managedDevices/${encodeURIComponent(id)}?$select=id,deviceActionResults`;
    const answer = await this.graph('GET', path);
    if (answer.status !== 200) throw new AnswerError(`GET ${path}`, answer);
    const results = (answer.body as { deviceActionResults?: Array<{ passcode?: string | null }> })
      .deviceActionResults;
    return results?.[0]?.passcode ?? null;
  }

  input(id: string, input: UserInput): Promise<HttpAnswer> {
    return this.request('POST', `/sim/devices/${encodeURIComponent(id)}/input`, input);
  }

  fault(id: string, fault: Fault): Promise<HttpAnswer> {
    return this.request('POST', `/sim/devices/${encodeURIComponent(id)}/faults`, fault);
  }

  /** Adds an admin-side Graph fault rule, or with `clear` removes them all. */
  graphFault(rule: GraphFaultRuleInput | 'clear'): Promise<HttpAnswer> {
    return rule === 'clear'
      ? this.request('DELETE', '/sim/graph-faults')
      : this.request('POST', '/sim/graph-faults', rule);
  }

  /** Removes one fleet's disconnected devices (DELETE /sim/devices?fleet=). */
  removeFleet(fleet: string): Promise<HttpAnswer> {
    return this.request('DELETE', `/sim/devices?fleet=${encodeURIComponent(fleet)}`);
  }

  async clock(change?: { advanceMs?: number; speed?: number }): Promise<ClockView> {
    const answer = change
      ? await this.request('POST', '/sim/clock', change)
      : await this.request('GET', '/sim/clock');
    if (answer.status !== 200) throw new AnswerError(`${change ? 'POST' : 'GET'} /sim/clock`, answer);
    return ClockView.parse(answer.body);
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = { authorization: `Bearer ${this.simToken}` },
  ): Promise<HttpAnswer> {
    // The path only: a query may name a fleet, never a token (tokens travel in headers).
    const what = `${method} ${path.split('?')[0]}`;
    let answer: HttpAnswer;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
      answer = {
        status: response.status,
        body: answerBody(await response.text(), [this.adminToken, this.simToken]),
      };
    } catch (error) {
      throw asServerUnavailable(error, what);
    }
    // A server shutting down answers every request so until it stops listening: the environment, as a refusal is.
    if (isServerClosingAnswer(answer.status, answer.body)) throw serverClosing(what);
    return answer;
  }
}
