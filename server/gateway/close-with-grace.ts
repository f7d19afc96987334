// Closing a device's socket in bounded time: the closing handshake, and a cut if the peer never finishes it.

/** How long a peer has to answer a close before its connection is cut (ws alone would wait 30 s). */
export const CLOSE_GRACE_MS = 2_000;

/** What closing needs of a socket (ws's WebSocket, or a test's stand-in). */
export interface ClosableSocket {
  close(code?: number, reason?: string): void;
  /** Ends the connection at once, without the closing handshake. */
  terminate(): void;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * Sends a close with `code` and `reason` (none when `code` is undefined: the socket is already closing) and resolves
 * once the socket has closed, cutting it after CLOSE_GRACE_MS if the peer never completes the handshake.
 */
export function closeWithGrace(socket: ClosableSocket, code?: number, reason?: string): Promise<void> {
  // Once per socket: a peer that keeps sending bad frames while it closes adds no listener, timer or close frame.
  const closing = closings.get(socket);
  if (closing) return closing;
  const closed = new Promise<void>((resolve) => {
    const cut = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
    socket.once('close', () => {
      clearTimeout(cut);
      resolve();
    });
    if (code !== undefined) socket.close(code, reason);
  });
  closings.set(socket, closed);
  return closed;
}

/** The close under way for each socket being closed. */
const closings = new WeakMap<ClosableSocket, Promise<void>>();
