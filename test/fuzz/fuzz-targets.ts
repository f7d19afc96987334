// Fuzzing of every edge with fast-check: each device frame over a real WebSocket and each /sim and Graph HTTP body
// and query over real HTTP. No input may give a 5xx, crash the server or go unanswered without a clear error.
import fc from 'fast-check';
import WebSocket from 'ws';
import { gatewayUrlOf } from '../../agents/runtime/fleet-runner.js';
import type { Simulation } from '../../runner/simulation.js';
import { DeviceMessage, PROTOCOL_VERSION, type ServerMessage } from '../../shared/protocol.js';

export interface FuzzFigures {
  cases: number;
  requests: number;
  frames: number;
  statuses: Record<string, number>;
  closeCodes: Record<string, number>;
}

const count = (table: Record<string, number>, key: string | number) => {
  table[String(key)] = (table[String(key)] ?? 0) + 1;
};

/** A value of any JSON shape, a near-miss object, or a raw string. */
const anyBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.string({ maxLength: 200 }),
  fc.record(
    {
      type: fc.oneof(
        fc.constantFrom(
          'unlock',
          'lock',
          'enterPasscode',
          'setPasscode',
          'tapNotification',
          'offline',
          'notNow',
        ),
        fc.string({ maxLength: 20 }),
      ),
      passcode: fc.oneof(fc.string({ maxLength: 80 }), fc.integer(), fc.constant(null)),
      notificationId: fc.string({ maxLength: 30 }),
      advanceMs: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 10 })),
      speed: fc.oneof(fc.integer(), fc.double(), fc.constant(null)),
      durationMs: fc.oneof(fc.integer(), fc.string({ maxLength: 10 })),
      requests: fc.array(
        fc.record(
          {
            id: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
            method: fc.constantFrom('GET', 'POST', 'PATCH', 'get', ''),
            url: fc.oneof(
              fc.constantFrom(
                '/deviceManagement/managedDevices',
                '/deviceManagement/managedDevices?$top=1',
                '/deviceManagement/remoteActionAudits',
              ),
              fc.string({ maxLength: 40 }),
            ),
            headers: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), {
              maxKeys: 2,
            }),
            body: fc.jsonValue({ maxDepth: 2 }),
            dependsOn: fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 4 },
      ),
    },
    { requiredKeys: [] },
  ),
);

const odataKey = fc.constantFrom(
  '$select',
  '$filter',
  '$top',
  '$skip',
  '$skipToken',
  '$orderby',
  '$count',
  'fleet',
);
const query = fc.dictionary(fc.oneof(odataKey, fc.string({ maxLength: 12 })), fc.string({ maxLength: 40 }), {
  maxKeys: 3,
});

interface HttpCase {
  method: 'GET' | 'POST';
  route: string;
  idKind: 'known' | 'random';
  randomId: string;
  query: Record<string, string>;
  body: unknown;
  rawBody: boolean;
  contentType: string;
  auth: 'right' | 'none' | 'wrong';
}

const ROUTES: Array<{ method: 'GET' | 'POST'; path: string; api: 'graph' | 'sim' }> = [
  ...(['v1.0', 'beta'] as const).flatMap((version) => [
    { method: 'GET' as const, path: `/${version}/deviceManagement/managedDevices`, api: 'graph' as const },
    {
      method: 'GET' as const,
      path: `/${version}/deviceManagement/managedDevices/{id}`,
      api: 'graph' as const,
    },
    {
      method: 'POST' as const,
      path: `/${version}/deviceManagement/managedDevices/{id}/resetPasscode`,
      api: 'graph' as const,
    },
    {
      method: 'GET' as const,
      path: `/${version}/deviceManagement/remoteActionAudits`,
      api: 'graph' as const,
    },
    {
      method: 'GET' as const,
      path: `/${version}/deviceManagement/remoteActionAudits/{id}`,
      api: 'graph' as const,
    },
    { method: 'POST' as const, path: `/${version}/$batch`, api: 'graph' as const },
  ]),
  { method: 'GET', path: '/sim/devices', api: 'sim' },
  { method: 'GET', path: '/sim/devices/{id}', api: 'sim' },
  { method: 'POST', path: '/sim/devices/{id}/input', api: 'sim' },
  { method: 'POST', path: '/sim/devices/{id}/faults', api: 'sim' },
  { method: 'GET', path: '/sim/clock', api: 'sim' },
  { method: 'POST', path: '/sim/clock', api: 'sim' },
];

const httpCase: fc.Arbitrary<HttpCase> = fc.record({
  method: fc.constant('GET' as const),
  route: fc.constantFrom(...ROUTES.map((route) => `${route.method} ${route.path}`)),
  idKind: fc.constantFrom('known' as const, 'random' as const),
  randomId: fc.string({ minLength: 1, maxLength: 60 }),
  query,
  body: anyBody,
  rawBody: fc.boolean(),
  contentType: fc.constantFrom(
    'application/json',
    'application/json',
    'text/plain',
    'application/x-www-form-urlencoded',
  ),
  auth: fc.constantFrom(
    'right' as const,
    'right' as const,
    'right' as const,
    'none' as const,
    'wrong' as const,
  ),
});

/** Each answer must be below 500 and, when an error, carry Graph's error body with a code and a message. */
function checkAnswer(status: number, text: string, what: string): void {
  if (status >= 500) throw new Error(`${what} answered ${status}: ${text.slice(0, 300)}`);
  if (status < 400) return;
  let body: { error?: { code?: unknown; message?: unknown } };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${what} answered ${status} without a JSON error body: ${text.slice(0, 200)}`);
  }
  if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string' || !body.error.message) {
    throw new Error(`${what} answered ${status} without error.code and error.message: ${text.slice(0, 200)}`);
  }
}

export async function fuzzHttp(sim: Simulation, numRuns: number, seed: number, figures: FuzzFigures) {
  const knownId = sim.app.services.registry.list()[0]?.id ?? 'none';
  await fc.assert(
    fc.asyncProperty(httpCase, async (input) => {
      const [method, template] = input.route.split(' ') as ['GET' | 'POST', string];
      const route = ROUTES.find((r) => r.path === template);
      const id = input.idKind === 'known' ? knownId : input.randomId;
      const url = new URL(`${sim.url}${template.replace('{id}', encodeURIComponent(id))}`);
      for (const [key, value] of Object.entries(input.query)) url.searchParams.append(key, value);
      const token = route?.api === 'sim' ? sim.simToken : sim.adminToken;
      const headers: Record<string, string> = {};
      if (input.auth === 'right') headers.authorization = `Bearer ${token}`;
      if (input.auth === 'wrong') headers.authorization = `Bearer ${token}x`;
      let body: string | undefined;
      if (method === 'POST') {
        headers['content-type'] = input.contentType;
        body = input.rawBody && typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
      }
      const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      figures.requests++;
      count(figures.statuses, response.status);
      const what = `${method} ${url.pathname}${url.search} ${body?.slice(0, 200) ?? ''}`;
      checkAnswer(response.status, text, what);
      if (template.endsWith('$batch') && response.status === 200) {
        const batch = JSON.parse(text) as { responses?: Array<{ status: number; body?: unknown }> };
        for (const inner of batch.responses ?? []) {
          checkAnswer(inner.status, JSON.stringify(inner.body ?? null), `${what} (inner)`);
        }
      }
    }),
    { numRuns, seed, endOnFailure: true },
  );
  figures.cases += numRuns;
}

/** One frame: raw text, binary, any JSON, or a device message with wrong or missing fields. */
const frame = fc.oneof(
  fc.string({ maxLength: 300 }).map((text) => ({ text })),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ bytes })),
  fc.jsonValue({ maxDepth: 4 }).map((value) => ({ text: JSON.stringify(value) })),
  fc
    .record(
      {
        type: fc.oneof(
          fc.constantFrom('hello', 'state', 'result', 'inputResult'),
          fc.string({ maxLength: 12 }),
        ),
        protocolVersion: fc.oneof(fc.constant(PROTOCOL_VERSION), fc.integer()),
        deviceId: fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })),
        deviceSecret: fc.string({ maxLength: 40 }),
        enrollmentToken: fc.string({ maxLength: 40 }),
        state: fc.jsonValue({ maxDepth: 3 }),
        result: fc.record(
          {
            commandId: fc.string({ maxLength: 20 }),
            status: fc.constantFrom('Acknowledged', 'Error', 'NotNow', 'CommandFormatError', 'Idle', 'x'),
            errorCode: fc.oneof(fc.integer(), fc.string({ maxLength: 5 })),
          },
          { requiredKeys: [] },
        ),
        requestId: fc.string({ maxLength: 40 }),
        accepted: fc.oneof(fc.boolean(), fc.string({ maxLength: 4 })),
      },
      { requiredKeys: ['type'] },
    )
    .map((value) => ({ text: JSON.stringify(value) })),
);

type Frame = { text: string } | { bytes: Uint8Array };

const isAcceptable = (f: Frame): boolean => {
  if (!('text' in f)) return false;
  try {
    return DeviceMessage.safeParse(JSON.parse(f.text)).success;
  } catch {
    return false;
  }
};

/** A socket that hands out each server frame in order, and the close code once closed. */
async function openSocket(serverUrl: string) {
  const socket = new WebSocket(gatewayUrlOf(serverUrl));
  const frames: ServerMessage[] = [];
  let wake: (() => void) | undefined;
  let closeCode: number | undefined;
  socket.on('message', (data) => {
    frames.push(JSON.parse(data.toString()) as ServerMessage);
    wake?.();
  });
  socket.on('close', (code) => {
    closeCode = code;
    wake?.();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  /** The next server frame, or the close code: whichever comes first. */
  const next = async (timeoutMs = 5_000): Promise<ServerMessage | { closed: number }> => {
    const deadline = Date.now() + timeoutMs;
    while (frames.length === 0 && closeCode === undefined) {
      if (Date.now() > deadline) throw new Error('No answer from the gateway');
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
    }
    const frame = frames.shift();
    return frame ?? { closed: closeCode ?? 0 };
  };
  return { socket, next, closed: () => closeCode };
}

/** Close codes a fuzzed connection may end with: the protocol's own, or ws's for frames it cannot take. */
const EXPECTED_CLOSES = new Set([4000, 4001, 4004, 4006, 1002, 1007, 1009]);

export async function fuzzFrames(sim: Simulation, numRuns: number, seed: number, figures: FuzzFigures) {
  // Not the device the HTTP fuzzing may have sent faults to.
  const bystander = sim.app.services.registry.list()[1]?.id;
  // The fuzzing device: enrolled once, then every case says hello as it and sends its frames.
  const fuzzId = '00000000-0000-4000-8000-00000000f022';
  const agent = sim.fleet.agents[0];
  if (!agent) throw new Error('The fuzz simulation needs one device.');
  const hello = {
    type: 'hello',
    protocolVersion: PROTOCOL_VERSION,
    deviceId: fuzzId,
    deviceSecret: 'fuzz-device-secret-0123456789',
    enrollmentToken: sim.enrollmentToken,
    fleet: 'fuzz',
    inventory: { ...agent.inventory, deviceName: 'fuzz' },
    state: agent.device.state(),
  };
  const send = (socket: WebSocket, f: Frame) => socket.send('text' in f ? f.text : Buffer.from(f.bytes));

  await fc.assert(
    fc.asyncProperty(fc.boolean(), fc.array(frame, { minLength: 1, maxLength: 6 }), async (greet, frames) => {
      const { socket, next, closed } = await openSocket(sim.url);
      try {
        if (greet) {
          socket.send(JSON.stringify(hello));
          const welcome = await next();
          if (!('type' in welcome) || welcome.type !== 'welcome')
            throw new Error(`hello answered ${JSON.stringify(welcome)}`);
        }
        for (const f of frames) {
          if (closed() !== undefined) break;
          send(socket, f);
          figures.frames++;
          if (!greet) {
            // Before hello: a clear refusal (protocolError for non-JSON, else a close with a reason code).
            const answer = await next();
            if ('closed' in answer) {
              if (!EXPECTED_CLOSES.has(answer.closed)) throw new Error(`closed with ${answer.closed}`);
              count(figures.closeCodes, answer.closed);
              break;
            }
            if (answer.type === 'welcome') {
              // A fuzzed hello that happened to be valid enrolled a device: allowed, nothing more to check.
              break;
            }
            if (answer.type !== 'protocolError')
              throw new Error(`pre-hello answer ${JSON.stringify(answer)}`);
            continue;
          }
          if (isAcceptable(f)) continue;
          const answer = await next();
          if ('closed' in answer) {
            if (!EXPECTED_CLOSES.has(answer.closed)) throw new Error(`closed with ${answer.closed}`);
            count(figures.closeCodes, answer.closed);
            break;
          }
          if (answer.type !== 'protocolError' || !answer.message)
            throw new Error(`answer to ${JSON.stringify(f).slice(0, 200)}: ${JSON.stringify(answer)}`);
        }
      } finally {
        socket.terminate();
      }
      const health = await fetch(`${sim.url}/health`);
      if (health.status !== 200) throw new Error(`/health answered ${health.status}`);
      if (bystander && !sim.device(bystander).connected)
        throw new Error('A bystander device was disconnected.');
    }),
    { numRuns, seed, endOnFailure: true },
  );
  figures.cases += numRuns;
}

export const emptyFigures = (): FuzzFigures => ({
  cases: 0,
  requests: 0,
  frames: 0,
  statuses: {},
  closeCodes: {},
});
