// One measured run of a system under test: server and devices as separate processes, connect, fleet-wide reset.
import { restartablePort } from '../lib/restartable-port.js';
import {
  blackHole,
  type Child,
  offMainThreadCpuSeconds,
  type ProcessSample,
  sampleProcess,
  sleep,
  sumSamples,
} from './child-process.js';
import { fleetReset, type ResetResult, type Target, waitForConnected, waitForHealth } from './load-driver.js';

export interface ProcessFigures {
  /** RSS before any device connected. */
  baselineRssBytes: number;
  /** RSS with every device connected (before the reset). */
  connectedRssBytes: number;
  /** RSS after the reset finished. */
  afterResetRssBytes: number;
  rssPerDeviceBytes: number;
  /** (connected RSS - baseline RSS) / devices. */
  rssDeltaPerDeviceBytes: number;
  /**
   * `resetOffMainThread`: the part of `reset` spent off the main thread (mostly V8's optimising compiler and its
   * collector's helpers), good to about 20 ms.
   */
  cpuSeconds: { connect: number; reset: number; resetOffMainThread: number; total: number };
  /** Open files (sockets included) with every device connected, summed over the processes. */
  openFilesConnected: number;
  /** How many processes these figures add up. */
  processes: number;
}

/**
 * The same fleet-wide reset sent again to the same processes once the first has finished and every device is back in
 * its starting state (`Target.restartDevices`): the same work, with code that has run it once (V8 has compiled its
 * paths, the first reset's collection is behind it). The first reset's figures stay the measure; this one tells how
 * much of them is the process warming up.
 */
export interface WarmReset {
  reset: ResetResult;
  /** How long the devices took to go back to their starting state before it (null where they keep no state). */
  restartSeconds: number | null;
  /** CPU seconds during the warm reset: the server's, the part of it off its main thread, the agents' (summed). */
  cpuSeconds: { server: number; serverOffMainThread: number; agents: number };
}

export interface ScenarioResult {
  name: string;
  devices: number;
  connected: number;
  connectSeconds: number;
  devicesPerSecond: number;
  reset: ResetResult;
  warmReset: WarmReset;
  server: ProcessFigures;
  agents: ProcessFigures;
}

export interface ScenarioSpec {
  name: string;
  devices: number;
  /** Ids the reset goes to. */
  resetIds: readonly string[];
  /** Starts the server on `port`. */
  server(port: number): Child;
  /** Starts all devices against the server on `port`: one process, or the fleet split over several. */
  agents(port: number): Child[];
  /** Starts the device process with (almost) no devices and nothing to connect to, for its baseline memory. */
  idleAgents(blackHolePort: number): Child;
  target(baseUrl: string): Target;
  batchSize: number;
  concurrentBatches: number;
  deadline: number;
  log: (line: string) => void;
}

const settle = (ms: number) => sleep(ms);

function figures(
  baseline: ProcessSample,
  connected: ProcessSample,
  after: ProcessSample,
  devices: number,
  processes: number,
): ProcessFigures {
  const per = (bytes: number) => Math.round(bytes / Math.max(1, devices));
  return {
    baselineRssBytes: baseline.rssBytes,
    connectedRssBytes: connected.rssBytes,
    afterResetRssBytes: after.rssBytes,
    rssPerDeviceBytes: per(connected.rssBytes),
    rssDeltaPerDeviceBytes: per(connected.rssBytes - baseline.rssBytes),
    cpuSeconds: {
      connect: round(connected.cpuSeconds - baseline.cpuSeconds),
      reset: round(after.cpuSeconds - connected.cpuSeconds),
      resetOffMainThread: round(offMainThreadCpuSeconds(connected, after)),
      total: round(after.cpuSeconds),
    },
    openFilesConnected: connected.openFiles,
    processes,
  };
}

const round = (value: number) => Math.round(value * 100) / 100;

function mustSample(child: Child): ProcessSample {
  const sample = sampleProcess(child.pid);
  if (!sample) throw new Error(`${child.name} exited:\n${child.output()}`);
  return sample;
}

/**
 * Starts the server on a free port and waits for /health. The port is free when chosen but another process may take
 * it before the server binds (tests run in parallel): a server that exits first is started again on another port.
 */
async function startServer(
  spec: ScenarioSpec,
  start: (child: Child) => Child,
): Promise<{ port: number; server: Child }> {
  for (let attempt = 1; ; attempt++) {
    const port = await restartablePort('127.0.0.1');
    spec.log(`[${spec.name}] starting server on http://127.0.0.1:${port}`);
    const server = start(spec.server(port));
    try {
      await waitForHealth(`http://127.0.0.1:${port}`, spec.deadline, () => !server.exited());
      return { port, server };
    } catch (error) {
      const reason = `${error instanceof Error ? error.message : String(error)}:\n${server.output()}`;
      if (!server.exited() || attempt >= 3) throw new Error(`${spec.name} server: ${reason}`);
      spec.log(
        `[${spec.name}] server exited before it answered (${reason.trim().split('\n').pop()}); retrying`,
      );
    }
  }
}

export async function runScenario(spec: ScenarioSpec): Promise<ScenarioResult> {
  const children: Child[] = [];
  const start = (child: Child) => {
    children.push(child);
    return child;
  };
  try {
    const hole = await blackHole();
    const idle = start(spec.idleAgents(hole.port));
    const { port, server } = await startServer(spec, start);
    const baseUrl = `http://127.0.0.1:${port}`;
    await settle(1_500);
    const serverBaseline = mustSample(server);
    const idleSample = mustSample(idle);
    await idle.kill();
    await hole.close();

    spec.log(`[${spec.name}] connecting ${spec.devices} devices`);
    const since = performance.now();
    const agents = spec.agents(port).map(start);
    const alive = () => !server.exited() && agents.every((child) => !child.exited());
    const connect = await waitForConnected(baseUrl, spec.devices, since, spec.deadline, alive, (connected) =>
      spec.log(
        `[${spec.name}] connected ${connected}/${spec.devices} (${Math.round(connected / ((performance.now() - since) / 1000))}/s)`,
      ),
    );
    spec.log(
      `[${spec.name}] ${connect.connected}/${spec.devices} connected in ${connect.seconds.toFixed(1)} s`,
    );
    await settle(1_000);
    const serverConnected = mustSample(server);
    const agentsConnected = sumSamples(agents.map(mustSample));
    // The idle devices process stands for each real one before it connected anything: same code, same start-up.
    const agentsBaseline: ProcessSample = sumSamples(agents.map(() => idleSample));

    const target = spec.target(baseUrl);
    const resetOnce = async (which: string) => {
      spec.log(`[${spec.name}] ${which}: resetting ${spec.resetIds.length} devices`);
      const reset = await fleetReset(target, spec.resetIds, {
        batchSize: spec.batchSize,
        concurrentBatches: spec.concurrentBatches,
        deadline: spec.deadline,
        progress: (done, total) => spec.log(`[${spec.name}] ${which}: done ${done}/${total}`),
      });
      spec.log(
        `[${spec.name}] ${which}: ${reset.done} done, ${reset.failed} failed, ${reset.refused} refused, last after ${reset.lastDoneSeconds.toFixed(2)} s, p99 ${reset.latency.p99Ms} ms`,
      );
      await settle(500);
      return reset;
    };
    const reset = await resetOnce('reset');
    const serverAfter = mustSample(server);
    const agentsAfter = sumSamples(agents.map(mustSample));
    // The first reset changed the devices (an iPhone's passcode is gone, a work profile is locked): they start over
    // first, so the warm reset is the same work again and only the code is warmer.
    let restartSeconds: number | null = null;
    if (target.restartDevices) {
      const restartedAt = performance.now();
      await target.restartDevices();
      restartSeconds = round((performance.now() - restartedAt) / 1000);
      spec.log(`[${spec.name}] devices back to their starting state in ${restartSeconds} s`);
    }
    // Both sides wait the same before the warm reset, whether their devices had to start over or not.
    await settle(500);
    const serverBeforeWarm = mustSample(server);
    const agentsBeforeWarm = sumSamples(agents.map(mustSample));
    const again = await resetOnce('warm reset');
    const serverAfterWarm = mustSample(server);
    const agentsAfterWarm = sumSamples(agents.map(mustSample));
    return {
      name: spec.name,
      devices: spec.devices,
      connected: connect.connected,
      connectSeconds: round(connect.seconds),
      devicesPerSecond: Math.round(connect.connected / Math.max(0.001, connect.seconds)),
      reset,
      warmReset: {
        reset: again,
        restartSeconds,
        cpuSeconds: {
          server: round(serverAfterWarm.cpuSeconds - serverBeforeWarm.cpuSeconds),
          serverOffMainThread: round(offMainThreadCpuSeconds(serverBeforeWarm, serverAfterWarm)),
          agents: round(agentsAfterWarm.cpuSeconds - agentsBeforeWarm.cpuSeconds),
        },
      },
      server: figures(serverBaseline, serverConnected, serverAfter, connect.connected, 1),
      agents: figures(agentsBaseline, agentsConnected, agentsAfter, connect.connected, agents.length),
    };
  } finally {
    for (const child of children.reverse()) await child.kill();
  }
}
