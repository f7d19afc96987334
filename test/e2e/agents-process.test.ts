// The agents process stays up through server restarts and deaths, reconnecting on its own; it exits only on a
// signal (0) or when its configuration cannot work (non-zero, with a log line saying why).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Host, privateAppConfig, startHost } from '../../server/host.js';

const folder = mkdtempSync(join(tmpdir(), 'mdmsim-agents-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const fleetFile = join(folder, 'fleet.yaml');
writeFileSync(
  fleetFile,
  `devices:
  - { name: phone, enrollment: androidDeviceAdministrator, osVersion: "6.0", passcode: "1234", count: 3 }
`,
);

interface AgentsProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startAgents(serverUrl: string, enrollmentToken: string): AgentsProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'agents/main.ts'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      MDMSIM_SERVER_URL: serverUrl,
      MDMSIM_ENROLLMENT_TOKEN: enrollmentToken,
      MDMSIM_FLEET_FILE: fleetFile,
      MDMSIM_FLEET_NAME: 'stays-up',
      LOG_LEVEL: 'debug',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** Resolves once `count` devices are connected to `host`. */
function connected(host: Host, count: number): Promise<void> {
  const { registry, events } = host.app.services;
  return new Promise((resolve) => {
    const check = () => {
      if (registry.list().filter((device) => device.connected).length < count) return;
      events.off('device', check);
      resolve();
    };
    events.on('device', check);
    check();
  });
}

describe('agents process', () => {
  // Two tsx process starts and a server restart: a loaded CI machine needs more than the default 30 s.
  it('reconnects after the server dies and comes back, and exits 0 on SIGTERM', async () => {
    const config = privateAppConfig({ store: { kind: 'sqlite', path: join(folder, 'server.db') } });
    let host = await startHost({ app: config, listen: { host: '127.0.0.1', port: 0 } });
    const { port } = host;
    const agents = startAgents(host.url, config.enrollmentToken);
    try {
      await connected(host, 3);
      await host.close();
      // The process must survive the server's absence: it is still running when the server is back.
      host = await startHost({ app: config, listen: { host: '127.0.0.1', port } });
      await connected(host, 3);
      expect(agents.child.exitCode).toBeNull();
      expect(agents.output()).toContain('connection to the server lost; reconnecting');
      agents.child.kill('SIGTERM');
      expect(await agents.exited).toEqual({ code: 0, signal: null });
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
      expect(agents.output()).toContain('the server refused every device');
    } finally {
      agents.child.kill('SIGKILL');
      await host.close();
    }
  });
});
