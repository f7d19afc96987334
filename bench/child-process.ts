// Child processes for the benchmark: spawned with a raised open-file limit, measured from /proc, always killed.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Compiled (dist/ in the installed package): children run the .js build directly; in a checkout, the .ts via tsx. */
const COMPILED = import.meta.url.endsWith('.js');

/** Open files each child may hold: one per device connection plus headroom (the machine allows 20,000). */
const OPEN_FILES = 20_000;

export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly process: ChildProcess;
  /** The last lines the child wrote, for error messages. */
  output(): string;
  exited(): boolean;
  kill(): Promise<void>;
}

/** Extra node flags for every child, e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof" to profile them. */
const extraNodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

/** Runs an entry point of this repository (TypeScript with tsx, or its compiled JavaScript) in its own process. */
export function spawnTs(
  name: string,
  script: string,
  env: Record<string, string>,
  args: string[] = [],
): Child {
  const child = spawn(
    'bash',
    [
      '-c',
      `ulimit -n ${OPEN_FILES} 2>/dev/null || true; exec "$0" "$@"`,
      process.execPath,
      ...extraNodeArgs,
      ...(COMPILED ? [script.replace(/\.ts$/, '.js')] : ['--import', 'tsx', script]),
      ...args,
    ],
    { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(chunk.toString());
    if (tail.length > 40) tail.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolveExit) => {
    child.once('exit', () => {
      exited = true;
      resolveExit();
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start ${name}.`);
  return {
    name,
    pid,
    process: child,
    output: () => tail.join('').split('\n').slice(-20).join('\n'),
    exited: () => exited,
    async kill() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** A port that accepts connections and never answers: devices pointed at it wait for ever, connecting. */
export async function blackHole(): Promise<{ port: number; close(): Promise<void> }> {
  const held = new Set<Socket>();
  const server: Server = createServer((socket) => {
    held.add(socket);
    socket.on('close', () => held.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const socket of held) socket.destroy();
        server.close(() => resolveClose());
      }),
  };
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

export interface ProcessSample {
  /** Resident memory in bytes (VmRSS). */
  rssBytes: number;
  /** User plus system CPU time in seconds. */
  cpuSeconds: number;
}

/** Reads a process's resident memory and CPU time from /proc; null once it is gone. */
export function sampleProcess(pid: number): ProcessSample | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at state; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    return { rssBytes: rssKb * 1024, cpuSeconds: ticks / clockTicks() };
  } catch {
    return null;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolveSleep) => setTimeout(resolveSleep, ms));
