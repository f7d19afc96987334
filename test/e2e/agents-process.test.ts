// The agents process stays up through server restarts and deaths, reconnecting on its own; it exits only on a
// signal (0) or when its configuration cannot work (non-zero, with a log line saying why).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { restartablePort } from '../../lib/restartable-port.js';
import { privateAppConfig, startHost } from '../../server/host.js';
import { CloseCode } from '../../shared/protocol.js';
import { devicesConnected, fleetFolder, startAgentsProcess } from '../support/agents-process.js';

const { folder, fleetFile } = fleetFolder(
  'mdmsim-agents-',
  `devices:
  - { name: phone, enrollment: androidDeviceAdministrator, osVersion: "6.0", passcode: "1234", count: 3 }
`,
);

const large = fleetFolder(
  'mdmsim-agents-large-',
  `devices:
  - { name: "phone {n}", enrollment: androidDeviceAdministrator, osVersion: "6.0", passcode: "1234", count: 700 }
  - { name: "iPhone {n}", enrollment: iosDeviceEnrollment, osVersion: "17.4", passcode: "123456", count: 300 }
`,
);

const startAgents = (serverUrl: string, enrollmentToken: string) =>
  startAgentsProcess({ serverUrl, enrollmentToken, fleetFile, fleetName: 'stays-up', logLevel: 'debug' });

describe('agents process', () => {
  // Two tsx process starts and a server restart: a loaded CI machine needs more than the default 30 s.
  it('reconnects after the server dies and comes back, and exits 0 on SIGTERM', async () => {
    const config = privateAppConfig({ store: { kind: 'sqlite', path: join(folder, 'server.db') } });
    const restartable = await restartablePort('127.0.0.1');
    let host = await startHost({ app: config, listen: { host: '127.0.0.1', port: restartable } });
    const { port } = host;
    const agents = startAgents(host.url, config.enrollmentToken);
    try {
      await devicesConnected(host, 3);
      await host.close();
      // The process must survive the server's absence: it is still running when the server is back.
      host = await startHost({ app: config, listen: { host: '127.0.0.1', port } });
      await devicesConnected(host, 3);
      expect(agents.child.exitCode).toBeNull();
      expect(agents.output()).toContain('connection to the server lost; reconnecting');
      agents.child.kill('SIGTERM');
      expect(await agents.exited).toEqual({ code: 0, signal: null });
    } finally {
      agents.child.kill('SIGKILL');
      await host.close();
    }
  }, 90_000);

  it('warms its device machines up on throwaway devices once a fleet of 1,000 is online, and enrolls only its own', async () => {
    const config = privateAppConfig();
    const host = await startHost({ app: config, listen: { host: '127.0.0.1', port: 0 } });
    const agents = startAgentsProcess({
      serverUrl: host.url,
      enrollmentToken: config.enrollmentToken,
      fleetFile: large.fleetFile,
      fleetName: 'warmed',
      logLevel: 'info',
    });
    try {
      await devicesConnected(host, 1_000);
      const warmUp = await agents.lineWith('device machines warmed up on throwaway devices');
      expect(JSON.parse(warmUp)).toMatchObject({ devices: 1_000, changed: 1_000 });
      // After the fleet is online, not before it connects: the warm-up keeps no device waiting.
      const output = agents.output();
      expect(output.indexOf('"online":1000')).toBeGreaterThan(-1);
      expect(output.indexOf(warmUp)).toBeGreaterThan(output.indexOf('"online":1000'));
      // The throwaway devices never reach the server: it knows the fleet's 1,000 and no more.
      expect(host.app.services.registry.list()).toHaveLength(1_000);
    } finally {
      agents.child.kill('SIGKILL');
      await host.close();
    }
  }, 90_000);

  it('exits non-zero, saying why, when the server refuses every device (a wrong enrollment token)', async () => {
    const host = await startHost({ app: privateAppConfig(), listen: { host: '127.0.0.1', port: 0 } });
    const agents = startAgents(host.url, 'not-the-enrollment-token');
    try {
      const { code } = await agents.exited;
      expect(code).toBe(2);
      expect(agents.output()).toContain('the server refused every device; check the tokens');
    } finally {
      agents.child.kill('SIGKILL');
      await host.close();
    }
  });

  it('exits 2 naming the setting, as the server does, when its configuration cannot work', async () => {
    const agents = startAgents('http://127.0.0.1:9', 'short');
    expect((await agents.exited).code).toBe(2);
    expect(agents.output()).toContain('MDMSIM_ENROLLMENT_TOKEN: must be at least 16 characters');
    // What the machine cannot honour is the configuration too: a CA file that is not there, a data folder that is a file.
    for (const [args, named] of [
      [
        ['--ca-file', join(folder, 'no-such-ca.pem')],
        `MDMSIM_CA_FILE (--ca-file): cannot read ${join(folder, 'no-such-ca.pem')}`,
      ],
      [['--data-dir', fleetFile], 'MDMSIM_DATA_DIR (--data-dir): Cannot read the device key'],
    ] as const) {
      const refused = startAgentsProcess({
        serverUrl: 'http://127.0.0.1:9',
        enrollmentToken: 'an-enrollment-token-long-enough',
        fleetFile,
        fleetName: 'misconfigured',
        args,
      });
      expect((await refused.exited).code, refused.output()).toBe(2);
      expect(refused.output()).toContain(named);
    }
  });

  it('warms nothing up when the server refused every device of a large fleet: it exits instead', async () => {
    const host = await startHost({ app: privateAppConfig(), listen: { host: '127.0.0.1', port: 0 } });
    const agents = startAgentsProcess({
      serverUrl: host.url,
      enrollmentToken: 'not-the-enrollment-token',
      fleetFile: large.fleetFile,
      fleetName: 'refused',
      logLevel: 'info',
    });
    try {
      expect((await agents.exited).code).toBe(2);
      expect(agents.output()).toContain('the server refused every device');
      expect(agents.output()).not.toContain('warm');
    } finally {
      agents.child.kill('SIGKILL');
      await host.close();
    }
  }, 90_000);

  it('says to update the server when an older one refuses every device for its protocol version', async () => {
    // What an mdmsim server of protocol versions 1 and 2 answers a version 3 hello (server/gateway/device-connection.ts).
    const olderServer = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    olderServer.on('connection', (socket) =>
      socket.once('message', () =>
        socket.close(CloseCode.UnsupportedProtocol, 'This server speaks protocol versions 1 and 2.'),
      ),
    );
    await new Promise((resolve) => olderServer.once('listening', resolve));
    const { port } = olderServer.address() as { port: number };
    const agents = startAgents(`http://127.0.0.1:${port}`, 'an-enrollment-token-of-an-older-server');
    try {
      expect((await agents.exited).code).toBe(2);
      expect(agents.output()).toContain(
        'the server refused every device; the server is older than these agents ' +
          '(This server speaks protocol versions 1 and 2.): update the server',
      );
    } finally {
      agents.child.kill('SIGKILL');
      await new Promise((resolve) => olderServer.close(resolve));
    }
  });
});
