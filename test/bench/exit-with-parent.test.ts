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
  const { spawnTs, freePort } = await import(${moduleUrl('bench', 'child-process.ts')});
  const { waitForHealth } = await import(${moduleUrl('bench', 'load-driver.ts')});
  const port = await freePort();
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
  it('ends when the benchmark is killed without stopping it', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', benchmarkLike], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let childPid: number | undefined;
    // Run at a timeout too (a finally is not: the test's promise is left waiting), so a failure leaves no process.
    onTestFinished(() => {
      parent.kill('SIGKILL');
      if (childPid !== undefined) killIfRunning(childPid);
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
    expect(socket.destroyed).toBe(true);
  });
});
