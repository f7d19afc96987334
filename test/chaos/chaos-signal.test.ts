// Stopping `npm run chaos` (Ctrl-C, a CI timeout) must not leave its servers and agents listening.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

/** The processes whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  const raw = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return raw === '' ? [] : raw.split(' ').map(Number);
}

/** Whether `pid` still runs: a zombie (exited, not yet reaped by init) counts as gone. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

it.each(['SIGTERM', 'SIGINT'] as const)(
  'kills its server and agents when stopped by %s',
  async (signal) => {
    const chaos = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'chaos/cli.ts',
        '--devices',
        '4',
        '--faults',
        '1000',
        '--seed',
        '5',
        '--agents',
        '2',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    const online = new Promise<void>((resolve) => {
      chaos.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('devices online')) resolve();
      });
    });
    await online;
    const pid = chaos.pid ?? 0;
    const runChildren = childrenOf(pid);
    expect(runChildren.length).toBeGreaterThanOrEqual(3);

    const exited = once(chaos, 'exit');
    chaos.kill(signal);
    const [code] = await exited;

    expect(code).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(stderr).toContain(`stopped by ${signal}`);
    // The run exits only once each child has exited: none may still run.
    expect(runChildren.filter(isRunning)).toEqual([]);
  },
  120_000,
);
