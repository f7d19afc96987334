// A benchmark that dies without stopping its children (a vitest worker ended at a timeout, a SIGKILL) takes them along.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { REPO_ROOT } from '../../bench/child-process.js';

const moduleUrl = (...path: string[]) => JSON.stringify(pathToFileURL(join(REPO_ROOT, ...path)).href);

/** Starts the bare server as the benchmark does, waits until it answers, and prints its port. */
const benchmarkLike = `
  const { spawnTs } = await import(${moduleUrl('bench', 'child-process.ts')});
  const { restartablePort } = await import(${moduleUrl('lib', 'restartable-port.ts')});
  const { waitForHealth } = await import(${moduleUrl('bench', 'load-driver.ts')});
  const port = await restartablePort('127.0.0.1');
  const child = spawnTs('bare ws server', 'bench/bare-ws-server.ts', { PORT: String(port) });
  await waitForHealth('http://127.0.0.1:' + port, Date.now() + 20000, () => !child.exited());
  process.stdout.write(JSON.stringify({ port, pid: child.pid }) + '\\n');
  setInterval(() => undefined, 60000);
`;

function killIfRunning(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone, as it should be.
  }
}

describe('a benchmark child', () => {
  it('is not ended by a stdin that is not a pipe (/dev/null reads as ended at once)', async () => {
    const hook = pathToFileURL(join(REPO_ROOT, 'bench', 'exit-with-parent.ts')).href;
    // Reads /dev/null's end itself, as the hook would, and exits 0 after: a hook that took that end for the
    // benchmark's would have killed it (SIGTERM, with no handler here) in the same turn.
    const readsItsEnd = "process.stdin.once('end', () => setImmediate(() => process.exit(0))).resume()";
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', hook, '-e', readsItsEnd], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    onTestFinished(() => {
      child.kill('SIGKILL');
    });
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });

  it('ends when the benchmark is killed without stopping it', async () => {
    // The benchmark-like parent ends with this test's worker the same way, should the worker die first.
    const hook = pathToFileURL(join(REPO_ROOT, 'bench', 'exit-with-parent.ts')).href;
    const parent = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', hook, '--input-type=module', '-e', benchmarkLike],
      { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    let childPid: number | undefined;
    let childEnded = false;
    // Run at a timeout too (a finally is not: the test's promise is left waiting), so a failure leaves no process.
    onTestFinished(() => {
      parent.kill('SIGKILL');
      if (childPid !== undefined && !childEnded) killIfRunning(childPid);
    });
    const [line] = (await once(createInterface({ input: parent.stdout }), 'line')) as [string];
    const { port, pid } = JSON.parse(line) as { port: number; pid: number };
    childPid = pid;
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined); // a reset instead of an end closes it as well
    await once(socket, 'connect');
    // The connection ends only when the child's process does: the test's timeout is the failure.
    const closed = once(socket, 'close');
    parent.kill('SIGKILL');
    await closed;
    childEnded = true;
  });
});
