// A real agents process (`agents/main.ts` under tsx) against a test's host, and the waits the e2e tests share.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Host } from '../../server/host.js';
import { type WatchedChild, watchChild } from './watched-child.js';

export interface AgentsProcessOptions {
  serverUrl: string;
  enrollmentToken: string;
  fleetFile: string;
  fleetName: string;
  /** Where the fleet keeps its device key and lockouts; none by default. */
  dataDir?: string;
  logLevel?: 'debug' | 'info' | 'warn';
  /** Command-line flags after the script (`--ca-file`, ...). */
  args?: readonly string[];
}

export type AgentsProcess = WatchedChild;

export function startAgentsProcess(options: AgentsProcessOptions): AgentsProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'agents/main.ts', ...(options.args ?? [])], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      MDMSIM_SERVER_URL: options.serverUrl,
      MDMSIM_ENROLLMENT_TOKEN: options.enrollmentToken,
      MDMSIM_FLEET_FILE: options.fleetFile,
      MDMSIM_FLEET_NAME: options.fleetName,
      ...(options.dataDir ? { MDMSIM_DATA_DIR: options.dataDir } : {}),
      LOG_LEVEL: options.logLevel ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchChild(child, started);
}

/** Agents processes still running when a test file ends (a test that failed or timed out): killed, never left behind. */
const started = new Set<ChildProcess>();
afterAll(() => {
  for (const child of started) child.kill('SIGKILL');
});

/** Resolves once `count` of the host's devices are connected. */
export function devicesConnected(host: Host, count: number): Promise<void> {
  return whenDevices(host, (devices) => devices.filter((device) => device.connected).length >= count).then(
    () => undefined,
  );
}

/** Resolves with the id of the host's one device once its connection is `wanted`. */
export function onlyDeviceConnected(host: Host, wanted: boolean): Promise<string> {
  return whenDevices(host, (devices) => devices[0]?.connected === wanted).then(
    (devices) => devices[0]?.id as string,
  );
}

type Devices = ReturnType<Host['app']['services']['registry']['list']>;

/** Resolves with the host's devices once `holds` is true of them. */
export function whenDevices(host: Host, holds: (devices: Devices) => boolean): Promise<Devices> {
  const { registry, events } = host.app.services;
  return new Promise((resolve) => {
    const check = () => {
      const devices = registry.list();
      if (!holds(devices)) return;
      events.off('device', check);
      resolve(devices);
    };
    events.on('device', check);
    check();
  });
}

/** POSTs to the host's simulator API with its token: the status and the Graph-shaped error message, if any. */
export async function postSim(host: Host, simToken: string, path: string, body: unknown) {
  const response = await fetch(`${host.url}/sim${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${simToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { error?: { message: string } };
  return { status: response.status, message: answer.error?.message };
}

/**
 * A scratch folder for one test file, removed after its tests: the fleet file written from `fleetYaml` and the
 * path of a data folder (not created: the agents process makes it).
 */
export function fleetFolder(
  prefix: string,
  fleetYaml: string,
): { folder: string; fleetFile: string; dataDir: string } {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const fleetFile = join(folder, 'fleet.yaml');
  writeFileSync(fleetFile, fleetYaml);
  return { folder, fleetFile, dataDir: join(folder, 'data') };
}
