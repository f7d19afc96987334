// The runner as CI starts it (`runner/cli.ts` under tsx, a process of its own), watched, and the server it drives
// started in the test's process, so the test can see what the runner's devices do there and close it at will.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach } from 'vitest';
import { type Host, privateAppConfig, startHost } from '../../server/host.js';
import type { ActionRecord } from '../../server/store/store.js';
import { GATEWAY_PATH } from '../../shared/protocol.js';
import { type WatchedChild, watchChild } from '../support/watched-child.js';

/** Runner processes a failed test left running: killed, never left. */
const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
});

export function startRunner(args: readonly string[]): WatchedChild {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runner/cli.ts', ...args], {
    cwd: process.cwd(),
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchChild(child, running);
}

/** A server on a free port, in this process, and the runner's options to drive it (--server and its tokens). */
export async function startSharedServer(): Promise<{ host: Host; args: string[] }> {
  const host = await startHost({ app: privateAppConfig(), listen: { host: '127.0.0.1', port: 0 } });
  const { adminToken, simToken, enrollmentToken } = host.config;
  return {
    host,
    // `--option=value`, one argument each whatever a token holds: the tokens mdmsim makes never start with "-", which
    // a command line reads as a flag, but a user's own may.
    args: [
      '--server',
      host.url,
      `--admin-token=${adminToken}`,
      `--sim-token=${simToken}`,
      `--enrollment-token=${enrollmentToken}`,
    ],
  };
}

/** Resolves with the first action the server records that `matches` (the server's own events, no polling). */
export function nextAction(host: Host, matches: (action: ActionRecord) => boolean): Promise<ActionRecord> {
  const { events } = host.app.services;
  return new Promise((resolve) => {
    const listener = (action: ActionRecord) => {
      if (!matches(action)) return;
      events.off('action', listener);
      resolve(action);
    };
    events.on('action', listener);
  });
}

/**
 * A device connection that never answers the server's close: a server shutting down waits for it (its closing
 * handshake grace, 2 s) before it stops listening, the window in which it answers every request 503.
 */
export async function unansweringDeviceSocket(serverUrl: string): Promise<Socket> {
  const { hostname, port } = new URL(serverUrl);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.write(
    `GET ${GATEWAY_PATH} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  const [answer] = (await once(socket, 'data')) as [Buffer];
  if (!answer.toString().startsWith('HTTP/1.1 101')) throw new Error(`No upgrade: ${answer.toString()}`);
  // What the server sends from now on (its close frame) is read and never answered.
  socket.on('data', () => undefined);
  return socket;
}
