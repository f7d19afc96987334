// The real server process (`server/main.ts` under tsx), for tests of what only the process does: its configuration,
// its start banner, what it keeps in its data folder across a restart.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach } from 'vitest';
import { ServerEnv } from '../../server/config.js';
import { type WatchedChild, watchChild } from './watched-child.js';

/** Processes still running when a test ends (it failed, or it started a server on purpose): killed, never left. */
const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * The server process with nothing of the test runner's own settings, on ports the system chooses, logging at info
 * (so a listener that opened would say so), with `env` on top.
 */
export function startServerProcess(env: Record<string, string>, dataDir: string): WatchedChild {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !(name in ServerEnv.shape)),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: process.cwd(),
    env: {
      ...inherited,
      PORT: '0',
      MDMSIM_HTTPS_PORT: '0',
      MDMSIM_DEFAULT_FLEET: 'false',
      MDMSIM_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchChild(child, running);
}

/** The HTTP and HTTPS base URLs the banner names, once it has been written. */
export async function listeningUrls(server: WatchedChild): Promise<{ http: string; https: string }> {
  const line = await server.lineWith('mdmsim is running at ');
  const match = /at (http:\/\/\S+) and (https:\/\/\S+)/.exec(line);
  if (!match?.[1] || !match[2]) throw new Error(`No listening URLs in the banner line: ${line}`);
  return { http: match[1], https: match[2] };
}
