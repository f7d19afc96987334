// Child processes for the benchmark: spawned with a raised open-file limit, measured from /proc, always killed.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { stampedRevision } from './build-stamp.js';

/** The folder the entry points are in: the checkout, or the build (`.bench-build/`, or dist/ in the package). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Compiled (`npm run bench` builds into .bench-build/ first; the installed package is dist/): children run the .js
 * build, as the container and the package do. Run from the TypeScript sources (tsx, vitest), children run the .ts
 * through tsx.
 */
const COMPILED = import.meta.url.endsWith('.js');
/** How the children run: the report says which, since tsx's start-up and its emitted code cost more than the build's. */
export const CHILD_RUNTIME: 'compiled' | 'tsx' = COMPILED ? 'compiled' : 'tsx';

/** Open files each child may hold: one per device connection plus headroom (the machine allows 20,000). */
export const OPEN_FILES = 20_000;

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
export const extraNodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

/**
 * Where each child's whole output goes as well (BENCH_CHILD_LOG_DIR): a file per process started, numbered in the order
 * they started and named after the child (`003-mdmsim-server-sqlite.log`), since what V8's tracing flags print
 * (`--trace-gc-nvp`, `--trace-deopt`) is longer than the tail kept for error messages. Written synchronously, so a
 * benchmark that exits at once loses nothing; a file that cannot be written is given up with one line on stderr.
 */
let childrenStarted = 0;

function childLog(name: string): { write(chunk: Buffer): void; close(): void } | null {
  const childLogDir = process.env.BENCH_CHILD_LOG_DIR;
  if (!childLogDir) return null;
  const file = join(
    childLogDir,
    `${String(++childrenStarted).padStart(3, '0')}-${name.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-|-$/g, '')}.log`,
  );
  let fd: number | null = null;
  const giveUp = (error: unknown) => {
    process.stderr.write(
      `not logging ${name} to ${file}: ${error instanceof Error ? error.message : error}\n`,
    );
    if (fd !== null) closeSync(fd);
    fd = null;
  };
  try {
    mkdirSync(childLogDir, { recursive: true });
    fd = openSync(file, 'w');
  } catch (error) {
    giveUp(error);
  }
  return {
    write(chunk) {
      if (fd === null) return;
      try {
        writeSync(fd, chunk);
      } catch (error) {
        giveUp(error);
      }
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

/**
 * The checkout's commit, `+changes` when tracked files outside bench-results/ differ from it, or null outside a git
 * checkout (an installed package: the git repository around it, if any, is the user's).
 */
export function checkoutRevision(): string | null {
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  if (REPO_ROOT.split(sep).includes('node_modules')) return null;
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    // From the top of the checkout: compiled, REPO_ROOT is the build, which git ignores.
    const changed =
      git('status', '--porcelain', '--untracked-files=no', '--', ':/', ':/!bench-results') !== '';
    return changed ? `${commit}+changes` : commit;
  } catch {
    return null;
  }
}

/**
 * The code being measured. Run from the sources, the checkout's revision. Compiled, the revision the build was compiled
 * from, as its stamp says: a build older than the checkout around it (a `dist/` left from an earlier commit) is not
 * labelled with the checkout's commit; a build without a stamp, compiled again after it (`bench/build-stamp.ts`), or
 * compiled outside a git checkout without `MDMSIM_REVISION`, gives null.
 */
export function sourceRevision(): string | null {
  return COMPILED ? stampedRevision(REPO_ROOT) : checkoutRevision();
}

/** Children still running: a benchmark stopped by a signal takes them with it instead of leaving them busy. */
const running = new Set<ChildProcess>();
let stopsChildrenOnSignals = false;

function stopChildrenOnSignals(): void {
  // Only a main thread hears signals (vitest may run the benchmark's tests in a worker thread).
  if (stopsChildrenOnSignals || !isMainThread) return;
  stopsChildrenOnSignals = true;
  for (const [signal, status] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      for (const child of running) child.kill('SIGKILL');
      process.exit(status);
    });
  }
}

/** Runs an entry point of this repository (TypeScript with tsx, or its compiled JavaScript) in its own process. */
export function spawnTs(
  name: string,
  script: string,
  env: Record<string, string>,
  args: string[] = [],
  nodeArgs: string[] = [],
): Child {
  const child = spawn(
    'bash',
    [
      '-c',
      `ulimit -n ${OPEN_FILES} 2>/dev/null || true; exec "$0" "$@"`,
      process.execPath,
      ...extraNodeArgs,
      ...(COMPILED
        ? [...exitWithParentArgs(), ...nodeArgs, join(REPO_ROOT, script.replace(/\.ts$/, '.js'))]
        : // After tsx, so a TypeScript module can be imported before the script.
          ['--import', 'tsx', ...exitWithParentArgs(), ...nodeArgs, join(REPO_ROOT, script)]),
      ...args,
    ],
    // Compiled, in the folder the benchmark was started from, so relative paths in BENCH_NODE_ARGS (a profile
    // directory) mean there, not inside the build; through tsx, in the checkout, where `--import tsx` resolves.
    {
      cwd: COMPILED ? process.cwd() : REPO_ROOT,
      env: { ...process.env, ...env },
      // stdin: the pipe whose end tells the child the benchmark has gone (`exit-with-parent.ts`).
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const tail: string[] = [];
  const log = childLog(name);
  if (log) child.once('close', () => log.close());
  const keep = (chunk: Buffer) => {
    log?.write(chunk);
    tail.push(chunk.toString());
    if (tail.length > 40) tail.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  stopChildrenOnSignals();
  running.add(child);
  let exited = false;
  const exit = new Promise<void>((resolveExit) => {
    child.once('exit', () => {
      exited = true;
      running.delete(child);
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
  /**
   * The same for the main thread alone (the JavaScript, and the collector's pauses). The rest ran on other threads:
   * mostly V8 compiling optimised code and its collector's helpers, then libuv's pool and any loader or profiler thread.
   */
  mainThreadCpuSeconds: number;
  /** Open file descriptors (sockets included). */
  openFiles: number;
}

/** Reads a process's resident memory and CPU time from /proc; null once it is gone. */
export function sampleProcess(pid: number): ProcessSample | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
    return {
      rssBytes: rssKb * 1024,
      cpuSeconds: cpuSecondsOf(`/proc/${pid}/stat`),
      // A process's main thread is the task whose id is the process id.
      mainThreadCpuSeconds: cpuSecondsOf(`/proc/${pid}/task/${pid}/stat`),
      openFiles: openFilesOf(pid),
    };
  } catch {
    return null;
  }
}

/** User plus system CPU time of a /proc stat file (a process's or one of its threads'), in seconds. */
function cpuSecondsOf(statFile: string): number {
  const stat = readFileSync(statFile, 'utf8');
  // Fields after the command name (which may hold spaces) start at state; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / clockTicks();
}

function openFilesOf(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return 0;
  }
}

/**
 * CPU time spent off the main thread between two samples of the same process(es), never below zero. The kernel counts
 * the process and its main thread in 10 ms ticks each (user and system apart), so the figure is good to about 20 ms.
 */
export function offMainThreadCpuSeconds(from: ProcessSample, to: ProcessSample): number {
  const offMain = (sample: ProcessSample) => sample.cpuSeconds - sample.mainThreadCpuSeconds;
  return Math.max(0, offMain(to) - offMain(from));
}

/** Adds up samples of several processes (a fleet split over processes) as one. */
export function sumSamples(samples: readonly ProcessSample[]): ProcessSample {
  return samples.reduce(
    (sum, sample) => ({
      rssBytes: sum.rssBytes + sample.rssBytes,
      cpuSeconds: sum.cpuSeconds + sample.cpuSeconds,
      mainThreadCpuSeconds: sum.mainThreadCpuSeconds + sample.mainThreadCpuSeconds,
      openFiles: sum.openFiles + sample.openFiles,
    }),
    { rssBytes: 0, cpuSeconds: 0, mainThreadCpuSeconds: 0, openFiles: 0 },
  );
}

export interface ProbedMemory {
  at: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

/** Node flags that make a child end when the benchmark's process does, however that ends. */
function exitWithParentArgs(): string[] {
  const hook = join(REPO_ROOT, 'bench', COMPILED ? 'exit-with-parent.js' : 'exit-with-parent.ts');
  return ['--import', pathToFileURL(hook).href];
}

/** Node flags that make a child answer SIGWINCH with a full collection and its memory written to `file`. */
export function memoryProbeArgs(): string[] {
  const probe = join(REPO_ROOT, 'bench', COMPILED ? 'memory-probe.js' : 'memory-probe.ts');
  return ['--expose-gc', '--import', pathToFileURL(probe).href];
}

/** Asks a child started with `memoryProbeArgs` (and BENCH_MEMORY_FILE=`file`) for its memory after a collection. */
export async function probeMemory(child: Child, file: string): Promise<ProbedMemory> {
  const asked = Date.now();
  child.process.kill('SIGWINCH');
  for (let waited = 0; waited < 30_000; waited += 100) {
    await sleep(100);
    try {
      const probed = JSON.parse(readFileSync(file, 'utf8')) as ProbedMemory;
      if (probed.at >= asked) return probed;
    } catch {
      // Not written yet.
    }
  }
  throw new Error(`${child.name} did not report its memory`);
}

export const sleep = (ms: number) => new Promise<void>((resolveSleep) => setTimeout(resolveSleep, ms));
