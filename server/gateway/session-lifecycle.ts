// What starting and ending a device's session does to the queue, in one place for the gateway and the queue tests.
import type { Services } from '../services/services.js';
import type { DeviceSessions, SessionSocket } from './device-sessions.js';

/**
 * Makes `socket` the device's current session (closing an older one as replaced) and sends it everything queued,
 * including what was on the older session's wire: at-least-once delivery to the current session.
 */
export function beginSession(
  sessions: DeviceSessions,
  services: Pick<Services, 'registry' | 'actions'>,
  deviceId: string,
  socket: SessionSocket,
  protocolVersion?: number,
): void {
  sessions.attach(deviceId, socket, protocolVersion);
  services.registry.setConnected(deviceId, true);
  services.actions.sessionStarted(deviceId);
}

/** The connection closed: if it was the current session, what was on its wire waits for the next one. */
export function endSession(
  sessions: DeviceSessions,
  services: Pick<Services, 'registry' | 'actions'>,
  deviceId: string,
  socket: SessionSocket,
): void {
  if (!sessions.detach(deviceId, socket)) return;
  // Each step is tried even when the store refused the one before (the device's next session requeues again); the
  // first refusal is what the caller sees.
  let refused: unknown;
  try {
    services.actions.deviceDisconnected(deviceId);
  } catch (error) {
    refused = error;
  }
  try {
    services.registry.setConnected(deviceId, false);
  } catch (error) {
    refused ??= error;
  }
  if (refused !== undefined) throw refused;
}
