// A seeded chaos run: a server and agents as separate processes, killed, restarted, replaced and cut while admins
// ask for resets; at the end every accepted reset must have finished (none lost, none stuck).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { build, stop as stopEsbuild } from 'esbuild';
import WebSocket from 'ws';
import { deviceSecretFor } from '../agents/runtime/device-identity.js';
import { gatewayUrlOf } from '../agents/runtime/fleet-runner.js';
import { restartablePort } from '../lib/restartable-port.js';
import { PROTOCOL_VERSION } from '../shared/protocol.js';
import { type TearKind, tearWalTail, type WalMark, walMark } from './torn-write.js';

export const FAULT_KINDS = [
  'serverKill',
  'tornWrite',
  'agentsKill',
  'sessionReplaced',
  'connectionDropped',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface ChaosOptions {
  devices: number;
  /** Faults of each kind to inject. */
  faultsPerKind: number;
  /** The kinds to inject; every kind when absent. */
  kinds?: readonly FaultKind[];
  seed: number;
  agentsProcesses: number;
  /** Real seconds the fault phase may take; the run stops injecting when they are spent. */
  maxSeconds: number;
  /** Real seconds the final phase may wait for every accepted reset to finish. */
  settleSeconds: number;
  log?: (line: string) => void;
}

export interface ChaosReport {
  seed: number;
  devices: number;
  faults: Record<FaultKind, number>;
  /** How each torn write tore the WAL. */
  tears: Record<TearKind, number>;
  accepted: number;
  finished: number;
  lost: string[];
  stuck: string[];
  /** Why each lost or stuck reset is so: how its device and its latest action stand at the end. */
  unfinished: UnfinishedReset[];
  /** SQLite's quick_check of the store file at the end, when some reset did not finish ("ok" when sound). */
  storeCheck?: string;
  seconds: number;
}

/** A reset that did not finish, and what the server holds for its device at the end of the run. */
export interface UnfinishedReset {
  deviceId: string;
  verdict: 'lost' | 'stuck';
  /** The latest action seen final before the reset was accepted. */
  actionBefore: string | null;
  connected: boolean | null;
  latestAction: { id: string; state: string; requestedAt?: string; updatedAt?: string } | null;
  /** The device's queued commands as committed in the store file (read beside the running server). */
  queuedCommands: { commandId: string; actionId: string; sent: boolean; notNowCount: number }[] | string;
}

/** mulberry32: a small seeded generator, so a run's choices replay from its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface DeviceView {
  id: string;
  connected: boolean;
  latestAction: { id: string; state: string; requestedAt?: string; updatedAt?: string } | null;
}

/** SQLite's quick_check of the store file (read beside the running server): "ok", or what it found wrong. */
function quickCheck(storeFile: string): string {
  try {
    const db = new Database(storeFile, { readonly: true, fileMustExist: true });
    try {
      const rows = db.pragma('quick_check') as { quick_check: string }[];
      return rows.map((row) => row.quick_check).join('; ');
    } finally {
      db.close();
    }
  } catch (error) {
    return `store file unreadable: ${(error as Error).message}`;
  }
}

/** The queued commands of these devices, as committed in the store file; a message when the file cannot be read. */
function committedCommands(
  storeFile: string,
  deviceIds: string[],
): Map<string, UnfinishedReset['queuedCommands']> {
  const found = new Map<string, UnfinishedReset['queuedCommands']>(deviceIds.map((id) => [id, []]));
  if (deviceIds.length === 0) return found;
  try {
    const db = new Database(storeFile, { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare(
          `SELECT device_id, body FROM commands WHERE device_id IN (${deviceIds.map(() => '?').join(',')})`,
        )
        .all(...deviceIds) as { device_id: string; body: string }[];
      for (const row of rows) {
        const body = JSON.parse(row.body) as {
          commandId: string;
          actionId: string;
          sent: boolean;
          notNowCount: number;
        };
        const list = found.get(row.device_id);
        if (Array.isArray(list))
          list.push({
            commandId: body.commandId,
            actionId: body.actionId,
            sent: body.sent,
            notNowCount: body.notNowCount,
          });
      }
    } finally {
      db.close();
    }
  } catch (error) {
    const message = `store file unreadable: ${(error as Error).message}`;
    for (const id of deviceIds) found.set(id, message);
  }
  return found;
}

const FINAL = new Set(['done', 'failed', 'notSupported']);

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The server and agents entry points bundled once per run (our code only; packages stay external), so each of the
 * run's hundreds of restarts is a plain `node` start instead of a `tsx` one that compiles every module again.
 */
async function bundleEntryPoints(): Promise<{ server: string; agents: string; folder: string }> {
  // Inside the project, so the bundles resolve its node_modules; a folder per run, so runs never share one.
  const cache = join(PROJECT_ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const folder = mkdtempSync(join(cache, 'mdmsim-chaos-'));
  await build({
    entryPoints: {
      server: join(PROJECT_ROOT, 'server/main.ts'),
      agents: join(PROJECT_ROOT, 'agents/main.ts'),
    },
    outdir: folder,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  // esbuild's service process would idle for the whole run; the run's only children are its servers and agents.
  await stopEsbuild();
  return { server: join(folder, 'server.mjs'), agents: join(folder, 'agents.mjs'), folder };
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const random = seeded(options.seed);
  // The tears draw from their own sequence: how much a tear draws depends on the WAL, the fault choices must not.
  const tearRandom = seeded(options.seed ^ 0x7ea5);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const started = performance.now();
  const folder = mkdtempSync(join(tmpdir(), 'mdmsim-chaos-'));
  // The server is killed and started again on this port all run long.
  const port = await restartablePort('127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const adminToken = randomBytes(24).toString('base64url');
  const enrollmentToken = randomBytes(24).toString('base64url');
  const simToken = randomBytes(24).toString('base64url');
  // One device key for every agents process of the run, so a killed and restarted process gets its devices back.
  const deviceKey = randomBytes(32).toString('base64url');
  const children = new Set<ChildProcess>();
  const storeFile = join(folder, 'store.db');
  const bundles = await bundleEntryPoints();

  const spawnBundle = (script: string, env: Record<string, string>) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.add(child);
    child.once('exit', () => children.delete(child));
    return child;
  };
  const startServer = () =>
    spawnBundle(bundles.server, {
      PORT: String(port),
      HOST: '127.0.0.1',
      MDMSIM_ADMIN_TOKEN: adminToken,
      MDMSIM_SIM_TOKEN: simToken,
      MDMSIM_ENROLLMENT_TOKEN: enrollmentToken,
      MDMSIM_DEFAULT_FLEET: 'false',
      // HTTPS on a free port and the data dir in the run's folder: a chaos run never fights for 8443 or .mdmsim/.
      MDMSIM_HTTPS_PORT: '0',
      MDMSIM_DATA_DIR: join(folder, 'data'),
      MDMSIM_STORE_FILE: storeFile,
      MDMSIM_NOTNOW_RETRY_SECONDS: '1',
    });
  const perProcess = Math.ceil(options.devices / options.agentsProcesses);
  const fleets = Array.from({ length: options.agentsProcesses }, (_, index) => {
    const count = Math.min(perProcess, options.devices - index * perProcess);
    const file = join(folder, `fleet-${index}.yaml`);
    writeFileSync(
      file,
      `devices:\n  - { name: chaos, enrollment: androidDeviceAdministrator, osVersion: "6.0", passcode: "1234", count: ${count} }\n`,
    );
    return { file, name: `chaos-${index}` };
  });
  const startAgents = (index: number) =>
    spawnBundle(bundles.agents, {
      MDMSIM_SERVER_URL: url,
      MDMSIM_ENROLLMENT_TOKEN: enrollmentToken,
      MDMSIM_DEVICE_KEY: deviceKey,
      MDMSIM_FLEET_FILE: fleets[index]?.file ?? '',
      MDMSIM_FLEET_NAME: fleets[index]?.name ?? '',
    });

  /**
   * The harness's own call. A network error while the server should be up (a keep-alive connection it closed as the
   * request went out) is the harness's problem, not a finding: the call waits for the server and is made again, twice
   * at most. While the harness itself has the server down (a kill, a tear) a failed call fails at once, and a server
   * that exited on its own is a finding that ends the run. Only a 204 counts as accepted, and a repeated reset joins
   * the one in flight, so a repeat never miscounts.
   */
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetch(`${url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${path.startsWith('/sim/') ? simToken : adminToken}`,
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
      } catch (error) {
        checkServerAlive();
        if (serverDownByHarness || attempt >= 3) throw error;
        // Wait for the server, but not for a restart the harness itself is holding back (a kill, a tear).
        await waitUntil(
          'the server',
          async () => {
            checkServerAlive();
            return serverDownByHarness || (await fetch(`${url}/health`)).ok;
          },
          60,
        );
        if (serverDownByHarness) throw error;
      }
    }
  };
  const devicesNow = async (): Promise<DeviceView[]> =>
    ((await (await call('GET', '/sim/devices')).json()) as { devices: DeviceView[] }).devices;
  const waitUntil = async (what: string, check: () => Promise<boolean>, seconds: number) => {
    const deadline = performance.now() + seconds * 1000;
    while (performance.now() < deadline) {
      const done = await check().catch((error: unknown) => {
        if (error instanceof ServerExited) throw error;
        return false;
      });
      if (done) return;
      await pause(100);
    }
    throw new Error(`chaos: timed out waiting for ${what}`);
  };
  const serverUp = () => waitUntil('the server', async () => (await fetch(`${url}/health`)).ok, 60);
  /** Throws the finding if the server exited without the harness killing it. */
  const checkServerAlive = () => {
    if (serverExitedOnItsOwn !== undefined) {
      throw new ServerExited(`chaos: the server exited on its own (${serverExitedOnItsOwn})`);
    }
  };
  const allConnected = () =>
    waitUntil(
      'every device to connect',
      async () => (await devicesNow()).filter((d) => d.connected).length >= options.devices,
      120,
    );
  const kill = async (child: ChildProcess | undefined) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };

  /** Per device, the latest action seen final before a reset was accepted; the reset must leave a newer one. */
  const awaiting = new Map<string, string | null>();
  const faults = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  const tears = { truncated: 0, garbled: 0, halfFrameAppended: 0, noWal: 0 } satisfies Record<
    TearKind,
    number
  >;
  let accepted = 0;
  let finished = 0;
  /** The WAL's end when the latest 204 arrived: a torn write may only tear what follows it. */
  let acknowledgedWal: WalMark | null = null;
  const acceptedReset = (id: string, before: string | null) => {
    acknowledgedWal = walMark(`${storeFile}-wal`) ?? acknowledgedWal;
    accepted++;
    awaiting.set(id, before);
  };
  // Ctrl-C or a CI job's timeout ends the run, not just this process: its servers and agents go with it.
  /** Stopped by a signal: the run exits only once its children are gone, and their folders after them. */
  const abandon = async (signal: NodeJS.Signals) => {
    await Promise.all([...children].map((child) => kill(child)));
    rmSync(folder, { recursive: true, force: true });
    rmSync(bundles.folder, { recursive: true, force: true });
    log(`chaos: stopped by ${signal}; its server and agents were killed`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', (signal) => void abandon(signal));
  process.once('SIGTERM', (signal) => void abandon(signal));
  /** The exit code or signal of a server that exited without the harness killing it: a finding. */
  let serverExitedOnItsOwn: string | undefined;
  const watchServer = (child: ChildProcess) => {
    child.once('exit', (code, signal) => {
      if (child === server && !serverDownByHarness) serverExitedOnItsOwn = String(code ?? signal);
    });
    return child;
  };
  let server = watchServer(startServer());
  /** Set while a fault has the server down on purpose, until it answers again. */
  let serverDownByHarness = false;
  const agents = fleets.map((_, index) => startAgents(index));
  try {
    await serverUp();
    await allConnected();
    const ids = (await devicesNow()).map((d) => d.id);
    log(`chaos: ${ids.length} devices online; seed ${options.seed}`);

    const request = async (burst: number) => {
      const idle = ids.filter((id) => !awaiting.has(id));
      const chosen = Array.from({ length: Math.min(burst, idle.length) }, () => pick(idle));
      const views = new Map((await devicesNow()).map((d) => [d.id, d]));
      return Promise.all(
        [...new Set(chosen)].map(async (id) => {
          const before = views.get(id)?.latestAction ?? null;
          if (before && !FINAL.has(before.state)) return;
          const response = await call(
            'POST',
            `/v1.0/deviceManagement/managedDevices/${id}/resetPasscode`,
          ).catch(() => undefined);
          if (response?.status === 204) acceptedReset(id, before?.id ?? null);
        }),
      );
    };
    const collect = async () => {
      for (const device of await devicesNow()) {
        if (!awaiting.has(device.id)) continue;
        const action = device.latestAction;
        if (action && action.id !== awaiting.get(device.id) && FINAL.has(action.state)) {
          awaiting.delete(device.id);
          finished++;
        }
      }
    };
    const restartServer = async () => {
      server = watchServer(startServer());
      await serverUp();
      serverDownByHarness = false;
    };
    const inject: Record<FaultKind, () => Promise<void>> = {
      serverKill: async () => {
        serverDownByHarness = true;
        await kill(server);
        await restartServer();
      },
      // A power loss while resets are being written: the server dies mid-burst and the WAL's unacknowledged tail is
      // torn; SQLite must recover to its last intact commit, and whatever was answered 204 must survive.
      tornWrite: async () => {
        const burst = request(20).catch(() => undefined);
        await pause(Math.floor(random() * 20));
        serverDownByHarness = true;
        await kill(server);
        await burst;
        tears[tearWalTail(storeFile, acknowledgedWal, tearRandom).kind]++;
        await restartServer();
      },
      agentsKill: async () => {
        const index = Math.floor(random() * agents.length);
        await kill(agents[index]);
        agents[index] = startAgents(index);
      },
      // A newer connection for the device (as a half-open TCP connection leaves behind) replaces the agent's session.
      sessionReplaced: async () => {
        const id = pick(ids);
        const socket = new WebSocket(gatewayUrlOf(url));
        await new Promise<void>((resolve) => {
          socket.once('open', () => {
            socket.send(
              JSON.stringify({
                type: 'hello',
                protocolVersion: PROTOCOL_VERSION,
                deviceId: id,
                deviceSecret: deviceSecretFor(deviceKey, id),
                enrollmentToken,
                fleet: 'chaos',
                inventory: {
                  deviceName: 'chaos',
                  enrollment: 'androidDeviceAdministrator',
                  osVersion: '6.0',
                  model: 'Pixel',
                  manufacturer: 'Google',
                  serialNumber: 'CHAOS',
                  userPrincipalName: 'chaos@example.com',
                  userDisplayName: 'Chaos',
                  ownerType: 'company',
                  policy: null,
                },
                state: {
                  screen: { view: 'lockScreen', title: 'Locked', message: null },
                  locked: true,
                  passcodeSet: true,
                  workProfilePasscodeSet: false,
                  resetToken: 'none',
                  notifications: [],
                  prompt: null,
                  compliant: true,
                },
              }),
            );
          });
          socket.once('message', () => resolve());
          socket.once('error', () => resolve());
          socket.once('close', () => resolve());
        });
        // Whatever this impostor session received is never answered: the agent's next session must get it.
        socket.terminate();
      },
      connectionDropped: async () => {
        const idle = ids.filter((id) => !awaiting.has(id));
        if (idle.length === 0) return;
        const id = pick(idle);
        const view = (await (await call('GET', `/sim/devices/${id}`)).json()) as DeviceView;
        const before = view.latestAction;
        if (before && !FINAL.has(before.state)) return;
        await call('POST', `/sim/devices/${id}/faults`, { kind: 'dropConnectionOnCommand' });
        const response = await call('POST', `/v1.0/deviceManagement/managedDevices/${id}/resetPasscode`);
        if (response.status === 204) acceptedReset(id, before?.id ?? null);
      },
    };

    const deadline = started + options.maxSeconds * 1000;
    for (let round = 0; performance.now() < deadline; round++) {
      checkServerAlive();
      const pending = (options.kinds ?? FAULT_KINDS).filter((kind) => faults[kind] < options.faultsPerKind);
      if (pending.length === 0) break;
      await request(Math.max(5, Math.floor(options.devices / 20))).catch(() => undefined);
      const kind = pick(pending);
      // A fault whose own calls hit a network error three times is said, not counted; anything else (a server that
      // exited on its own, one that does not come back after a restart) ends the run as a finding.
      const injected = await inject[kind]().then(
        () => true,
        (error: unknown) => {
          if (!isNetworkError(error)) throw error;
          log(`chaos: could not inject ${kind}: ${error.message}`);
          return false;
        },
      );
      if (injected) faults[kind]++;
      await collect().catch(() => undefined);
      if (round % 20 === 0) log(`chaos: ${JSON.stringify({ faults, accepted, finished })}`);
    }

    // Quiet: everything back up, then every accepted reset must finish.
    await allConnected();
    const settleBy = performance.now() + options.settleSeconds * 1000;
    while (awaiting.size > 0 && performance.now() < settleBy) {
      await collect();
      if (awaiting.size > 0) await pause(200);
    }
    const views = new Map((await devicesNow()).map((d) => [d.id, d]));
    const lost: string[] = [];
    const stuck: string[] = [];
    const unfinished: UnfinishedReset[] = [];
    const queued = committedCommands(storeFile, [...awaiting.keys()]);
    for (const [id, before] of awaiting) {
      const view = views.get(id);
      const latest = view?.latestAction ?? null;
      // Finished between the settle's last look and this one: not stuck.
      if (latest && latest.id !== before && FINAL.has(latest.state)) {
        finished++;
        continue;
      }
      const verdict = !latest || latest.id === before ? 'lost' : 'stuck';
      (verdict === 'lost' ? lost : stuck).push(id);
      unfinished.push({
        deviceId: id,
        verdict,
        actionBefore: before,
        connected: view?.connected ?? null,
        latestAction: latest
          ? {
              id: latest.id,
              state: latest.state,
              ...(latest.requestedAt ? { requestedAt: latest.requestedAt } : {}),
              ...(latest.updatedAt ? { updatedAt: latest.updatedAt } : {}),
            }
          : null,
        queuedCommands: queued.get(id) ?? [],
      });
    }
    return {
      seed: options.seed,
      devices: ids.length,
      faults,
      tears,
      accepted,
      finished,
      lost,
      stuck,
      unfinished,
      ...(unfinished.length > 0 ? { storeCheck: quickCheck(storeFile) } : {}),
      seconds: Math.round((performance.now() - started) / 1000),
    };
  } finally {
    process.off('SIGINT', abandon);
    process.off('SIGTERM', abandon);
    await Promise.all([...children].map((child) => kill(child)));
    rmSync(folder, { recursive: true, force: true });
    rmSync(bundles.folder, { recursive: true, force: true });
  }
}

/** The server died without the harness killing it: a finding, never retried. */
class ServerExited extends Error {}

/** What `fetch` throws when the connection failed (refused, reset, closed), as opposed to an answer. */
function isNetworkError(error: unknown): error is TypeError {
  return error instanceof TypeError && error.message === 'fetch failed';
}
