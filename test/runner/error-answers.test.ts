// A step whose Graph or simulator call is answered with an error (4xx/5xx) it did not expect fails at once, on that
// step, with the status and the error's code and message (never a token); errors a scenario names still pass.
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ServerTarget, startInProcessServer } from '../../runner/in-process-server.js';
import type { ScenarioResult } from '../../runner/results.js';
import { type RemoteServerOptions, runNamespace, runScenario } from '../../runner/run-scenario.js';
import { parseScenario } from '../../runner/scenario-file.js';
import { describeFailure } from '../../runner/text-report.js';
import { type AnsweringProxy, startAnsweringProxy } from './answering-proxy.js';

/** Longer than the test's own timeout: a step that waited instead of failing at once fails the test. */
const NEVER = 600_000;
const WRONG_TOKEN = 'not-the-right-token-3f9c1e7a';

const FLEET = `fleet:
  - { name: iPad, enrollment: iosDeviceEnrollment, osVersion: "17.4", passcode: "2468" }
  - { name: MacBook, enrollment: macOS, osVersion: "14.4", passcode: mac-pass }
`;
const scenario = (name: string, steps: string) =>
  parseScenario(`name: ${name}\n${FLEET}steps:\n${steps}`, 'inline.yaml');

describe('error answers', () => {
  let server: ServerTarget;
  let proxy: AnsweringProxy;
  beforeAll(async () => {
    server = await startInProcessServer({
      supportEdition: '2018-03',
      notNowRetryMs: 60_000,
      store: 'memory',
    });
    proxy = await startAnsweringProxy(server.url);
  });
  afterEach(async () => {
    proxy.clear();
    await fetch(`${server.url}/sim/graph-faults`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${server.simToken}` },
    });
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  const run = (name: string, steps: string, options: Partial<RemoteServerOptions> = {}) =>
    runScenario(scenario(name, steps), {
      seed: 'errors',
      stepTimeoutMs: NEVER,
      logger: pino({ level: 'silent' }),
      server: {
        url: server.url,
        adminToken: server.adminToken,
        simToken: server.simToken,
        enrollmentToken: server.enrollmentToken,
        allowClock: true,
        fleetNamespace: runNamespace(),
        ...options,
      },
    });
  const noTokenIn = (result: ScenarioResult) => {
    const text = JSON.stringify(result) + describeFailure(result);
    for (const token of [WRONG_TOKEN, server.adminToken, server.simToken, server.enrollmentToken]) {
      expect(text).not.toContain(token);
    }
  };
  const failedAt = (result: ScenarioResult, index: number) => {
    expect(result.steps.map((step) => step.status)).toEqual(
      result.steps.map((_, at) => (at < index ? 'passed' : at === index ? 'failed' : 'notRun')),
    );
    return result.steps[index]?.message ?? '';
  };

  // runScenario on its own (from code, or a token the server stops taking mid-run): the CLI checks the admin and
  // simulator tokens once before the first scenario and stops there (token-check.test.ts).
  it('a wrong admin token fails the resetPasscode that got the 401, at once, with Graph code and message', async () => {
    const result = await run(
      'wrong admin token',
      '  - resetPasscode: iPad\n  - expect: { device: iPad, action: done }\n',
      { adminToken: WRONG_TOKEN },
    );
    const message = failedAt(result, 0);
    // Graph's own 401: its code and message (for a token that is no JWT, "IDX14100: JWT is not well formed ...").
    expect(message).toMatch(
      /^POST resetPasscode on "iPad" answered 401 InvalidAuthenticationToken: IDX14100: \S/,
    );
    expect(describeFailure(result)).toContain('step 1');
    noTokenIn(result);
  });

  it.for([
    ['readDevice', '  - readDevice: { device: iPad, expect: { deviceName: iPad } }\n'],
    ['readDeviceActions', '  - readDeviceActions: { device: iPad }\n'],
    ['expect temporaryPasscode', '  - expect: { device: iPad, temporaryPasscode: false }\n'],
    [
      'input {temporaryPasscode}',
      '  - input: { device: iPad, do: { type: unlock, passcode: "{temporaryPasscode}" } }\n',
    ],
  ])('a wrong admin token fails %s at once with the 401', async ([name, steps]) => {
    const result = await run(
      `wrong admin token, ${name}`,
      `${steps}  - expect: { device: iPad, connected: true }\n`,
      {
        adminToken: WRONG_TOKEN,
      },
    );
    const message = failedAt(result, 0);
    expect(message).toMatch(/answered 401 InvalidAuthenticationToken: IDX14100: \S/);
    noTokenIn(result);
  });

  it('a wrong simulator token is reported before any step, with the 401 and its message', async () => {
    const result = await run('wrong sim token', '  - resetPasscode: iPad\n', { simToken: WRONG_TOKEN });
    // The environment is wrong, not the behaviour: an error (JUnit <error>, exit 3), not a failure.
    expect(result.status).toBe('error');
    expect(result.error).toContain(
      'GET /sim/events answered 401 InvalidAuthenticationToken: The simulator token is not valid.',
    );
    noTokenIn(result);
  });

  it('a wrong enrollment token is an error of the environment too, with the server’s reason', async () => {
    const result = await run('wrong enrollment token', '  - resetPasscode: iPad\n', {
      enrollmentToken: WRONG_TOKEN,
    });
    expect(result.status).toBe('error');
    expect(result.error).toContain('The server refused iPad, MacBook: The enrollment token is not valid.');
    noTokenIn(result);
  });

  // Through a proxy that answers these simulator calls itself (as a gateway in front of a restarting server would);
  // everything else reaches the real server.
  it.for([
    ['clock', 'POST', /^\/sim\/clock$/, '  - clock: { advance: 1m }\n'],
    ['expect within', 'POST', /^\/sim\/clock$/, '  - expect: { device: iPad, action: done, within: 1h }\n'],
    ['expect', 'GET', /^\/sim\/devices\/[^/]+$/, '  - expect: { device: iPad, connected: true }\n'],
    ['input', 'POST', /\/input$/, '  - input: { device: iPad, do: { type: lock } }\n'],
    [
      'input refused',
      'POST',
      /\/input$/,
      '  - input: { device: iPad, do: { type: setPasscode, passcode: "1" }, outcome: refused }\n',
    ],
    ['fault', 'POST', /\/faults$/, '  - fault: { device: iPad, kind: notNow }\n'],
    [
      'graphFault',
      'POST',
      /^\/sim\/graph-faults$/,
      '  - graphFault: { path: "*/resetPasscode", status: 503 }\n',
    ],
    ['graphFault clear', 'DELETE', /^\/sim\/graph-faults$/, '  - graphFault: clear\n'],
    ['restartAgents', 'GET', /^\/sim\/devices\/[^/]+$/, '  - restartAgents: [iPad]\n'],
  ] as const)(
    'a simulator call answered 503 fails %s at once, with the code and message',
    async ([name, method, path, steps]) => {
      proxy.answer({
        method,
        path,
        status: 503,
        code: 'ServiceUnavailable',
        message: 'The server is restarting.',
      });
      const result = await run(`sim answers 503, ${name}`, `${steps}  - resetPasscode: iPad\n`, {
        url: proxy.url,
      });
      const message = failedAt(result, 0);
      expect(message).toContain('503 ServiceUnavailable: The server is restarting.');
      noTokenIn(result);
    },
  );

  it('a fault answered 409 other than DeviceOffline fails, rather than going to the agent as if offline', async () => {
    proxy.answer({ method: 'POST', path: /\/faults$/, status: 409, code: 'Conflict', message: 'Not now.' });
    const result = await run(
      'fault answered 409 Conflict',
      '  - fault: { device: iPad, kind: offline }\n  - expect: { device: iPad, connected: true }\n',
      { url: proxy.url },
    );
    expect(failedAt(result, 0)).toContain('POST /sim/devices/{id}/faults answered 409 Conflict: Not now.');
  });

  it('a polling read rides out a Graph 503 and reads again, as Graph asks clients to', async () => {
    const result = await run(
      'readDevice meets a 503',
      [
        '  - graphFault: { method: GET, path: "*/managedDevices/*", status: 503, times: 1 }',
        '  - readDevice: { device: iPad, expect: { deviceName: iPad }, within: 1m }',
        '  - expect: { device: iPad, connected: true }',
        '',
      ].join('\n'),
    );
    expect(result.steps.map((step) => step.status)).toEqual(['passed', 'passed', 'passed']);
  });

  describe('errors a scenario names still pass', () => {
    it('a later `expect: { status, errorCode }` names the error, also after device expectations', async () => {
      const result = await run(
        'named errors',
        [
          '  - graphFault: { method: GET, path: "*/managedDevices/*", status: 503, times: 1 }',
          '  - readDevice: { device: iPad, expect: { deviceName: iPad } }',
          '  - expect: { status: 503, errorCode: ServiceUnavailable }',
          '  - readDevice: { device: iPad, expect: { deviceName: iPad } }',
          '  - expect: { status: 200 }',
          '  - resetPasscode: MacBook',
          '  - expect: { device: MacBook, action: notSupported }',
          '  - expect: { status: 400, errorCode: BadRequest }',
          '  - resetPasscode: MacBook',
          '  - expect: { errorCode: BadRequest }',
          '',
        ].join('\n'),
      );
      expect(result.status === 'passed' ? '' : describeFailure(result)).toBe('');
    });

    it('a fault for an offline device (409 DeviceOffline) goes to its agent, as before', async () => {
      const result = await run(
        'fault while offline',
        [
          '  - fault: { device: iPad, kind: offline }',
          '  - fault: { device: iPad, kind: latency, ms: 0 }',
          '  - fault: { device: iPad, kind: online }',
          '  - expect: { device: iPad, connected: true }',
          '',
        ].join('\n'),
      );
      expect(result.status === 'passed' ? '' : describeFailure(result)).toBe('');
    });

    it('an error other than the one named fails the admin step that got it, saying what was expected', async () => {
      const result = await run(
        'another error',
        [
          '  - resetPasscode: MacBook',
          '  - expect: { device: MacBook, action: notSupported }',
          '  - expect: { status: 404 }',
          '',
        ].join('\n'),
      );
      expect(failedAt(result, 0)).toContain('POST resetPasscode on "MacBook" answered 400 BadRequest');
      expect(result.steps[0]?.details?.[0]).toBe('expected: 404 (step 3 expects it)');
    });

    it('an expectation after the next admin step is about that step, not this one', async () => {
      const result = await run(
        'named too late',
        '  - resetPasscode: MacBook\n  - resetPasscode: MacBook\n  - expect: { status: 400 }\n',
      );
      expect(failedAt(result, 0)).toContain('answered 400 BadRequest');
    });
  });
});
