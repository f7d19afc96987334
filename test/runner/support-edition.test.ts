// A scenario's devices run the Company Portal of its support edition: in-process the server runs it too, and against
// a shared server of another edition the run stops before its first step where a device would show it.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerTarget, startInProcessServer } from '../../runner/in-process-server.js';
import { runNamespace, runScenario } from '../../runner/run-scenario.js';
import { parseScenario } from '../../runner/scenario-file.js';

/** Today's edition has no reset token before Android 8.0: no notification, and Graph refuses the reset. */
const NOUGAT_TODAY = (edition: string) =>
  parseScenario(
    `name: a 7.1 work profile
${edition}fleet:
  - { name: Nexus, enrollment: androidWorkProfile, osVersion: "7.1", passcode: "135790",
      policy: { passcodeRequired: true, minLength: 6 } }
steps:
  - expect: { device: Nexus, state: { resetToken: none, notifications: [] } }
  - resetPasscode: Nexus
  - expect: { status: 400 }
`,
    'inline.yaml',
  );

const IPHONE_ONLY = parseScenario(
  `name: an iPhone
fleet:
  - { name: iPhone, enrollment: iosDeviceEnrollment, osVersion: "17.4", passcode: "2468" }
steps:
  - resetPasscode: iPhone
  - expect: { status: 204 }
`,
  'inline.yaml',
);

const quiet = { seed: 'edition', stepTimeoutMs: 30_000, logger: pino({ level: 'silent' }) };

describe('a scenario of the current edition', () => {
  it('runs its in-process devices on that edition, as its server', async () => {
    const result = await runScenario(NOUGAT_TODAY('supportEdition: current\n'), quiet);
    expect(result.status, JSON.stringify(result.steps)).toBe('passed');
  });

  describe('against a shared server of the current edition', () => {
    let server: ServerTarget;
    beforeAll(async () => {
      server = await startInProcessServer({ supportEdition: 'current', notNowRetryMs: 60_000 });
    });
    afterAll(() => server?.close());
    const remote = () => ({
      ...quiet,
      server: {
        url: server.url,
        adminToken: server.adminToken,
        simToken: server.simToken,
        enrollmentToken: server.enrollmentToken,
        fleetNamespace: runNamespace(),
      },
    });

    it('passes when the scenario names the edition', async () => {
      const result = await runScenario(NOUGAT_TODAY('supportEdition: current\n'), remote());
      expect(result.status, JSON.stringify(result.steps)).toBe('passed');
    });

    it('stops before its first step, naming the edition, when its work profile would show the seed edition', async () => {
      const result = await runScenario(NOUGAT_TODAY(''), remote());
      expect(result.status).toBe('failed');
      expect(result.error).toContain('the server runs support edition current');
      expect(result.error).toContain('"Nexus"');
      expect(result.error).toContain('supportEdition: current');
      expect(result.steps.map((step) => step.status)).toEqual(['notRun', 'notRun', 'notRun']);
    });

    it('runs a fleet the edition does not change (an iPhone) either way', async () => {
      const result = await runScenario(IPHONE_ONLY, remote());
      expect(result.status, JSON.stringify(result.steps)).toBe('passed');
    });
  });
});
