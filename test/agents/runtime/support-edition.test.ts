// The devices run the Company Portal of the server's support edition: an Android 7.x work profile has a reset token
// (and "Secure your Work Profile") in the seed's edition, none in today's; a fleet of the other edition is named.
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFleet } from '../../../agents/fleet/load-fleet.js';
import { connectFleet, createFleet, type RunningFleet } from '../../../agents/runtime/fleet-runner.js';
import { type App, buildApp } from '../../../server/app.js';
import { privateAppConfig } from '../../../server/host.js';
import type { SupportEdition } from '../../../shared/support-matrix.js';
import { capturedLog } from '../../support/captured-log.js';

const enrollmentToken = randomBytes(24).toString('base64url');

/** Two Android 7.1.1 work profiles under a required passcode, and one on 9.0. */
const FLEET = parseFleet(
  {
    devices: [
      {
        name: 'Nougat work profile {n}',
        enrollment: 'androidWorkProfile',
        osVersion: '7.1.1',
        passcode: '135790',
        policy: { passcodeRequired: true, minLength: 6 },
        count: 2,
      },
      {
        name: 'Pie work profile',
        enrollment: 'androidWorkProfile',
        osVersion: '9.0',
        passcode: '135790',
        policy: { passcodeRequired: true, minLength: 6 },
      },
    ],
  },
  'the edition test fleet',
);

let app: App | undefined;
let fleet: RunningFleet | undefined;

afterEach(async () => {
  await fleet?.stop();
  await app?.close();
  fleet = undefined;
  app = undefined;
});

/** A server of `serverEdition` and the fleet's agents of `agentsEdition`, connected; the server's log captured. */
async function run(serverEdition: SupportEdition, agentsEdition: SupportEdition) {
  const log = capturedLog('warn');
  app = await buildApp(
    privateAppConfig({ enrollmentToken, supportEdition: serverEdition, loggerInstance: log.logger }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  fleet = createFleet(FLEET, {
    serverUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    enrollmentToken,
    fleetName: `edition-${agentsEdition}`,
    logger: pino({ level: 'silent' }),
    supportEdition: agentsEdition,
  });
  await connectFleet(fleet, {});
  const states = fleet.agents.map((agent) => app?.services.registry.get(agent.deviceId)?.state);
  return { log, states };
}

const mismatchLines = (lines: Array<Record<string, unknown>>) =>
  lines.filter((line) => String(line.msg).includes('runs another support edition than this server'));

describe('a work profile under the server edition', () => {
  it("has a reset token from 7.0 in the seed's edition, with its notification", async () => {
    const { log, states } = await run('2018-03', '2018-03');
    expect(states.map((state) => state?.resetToken)).toEqual(['inactive', 'inactive', 'inactive']);
    expect(states[0]?.notifications.map((notification) => notification.title)).toEqual([
      'Secure your Work Profile',
    ]);
    expect(mismatchLines(log.lines)).toEqual([]);
  });

  it("has none on 7.x in today's edition (Android's token APIs begin at 8.0), and no notification", async () => {
    const { log, states } = await run('current', 'current');
    expect(states.map((state) => state?.resetToken)).toEqual(['none', 'none', 'inactive']);
    expect(states[0]?.notifications).toEqual([]);
    expect(mismatchLines(log.lines)).toEqual([]);
  });

  it("names a fleet of the other edition once, with the server's edition to start its agents with", async () => {
    const { log } = await run('current', '2018-03');
    const lines = mismatchLines(log.lines);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      fleet: 'edition-2018-03',
      osVersion: '7.1.1',
      edition: 'current',
    });
    expect(String(lines[0]?.msg)).toContain('--support-edition current');
  });

  it('names it the other way too: no token under a required passcode where the edition creates one', async () => {
    const { log } = await run('2018-03', 'current');
    expect(mismatchLines(log.lines)).toHaveLength(1);
  });
});
