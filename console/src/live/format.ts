// How times, statuses and enrollment types read on screen, in one place so admin and phone views agree.
import type { ActionState, EnrollmentKind } from '../types.js';

export const formatDateTime = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', {
    day: '2-digit',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

export const formatClock = (ms: number) =>
  new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** mm:ss (or h:mm:ss) left until `deadlineMs`; never negative. */
export function formatCountdown(leftMs: number): string {
  const total = Math.max(0, Math.ceil(leftMs / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

export const actionStateLabel: Record<ActionState, string> = {
  pending: 'Pending',
  active: 'Pending',
  done: 'Done',
  failed: 'Failed',
  notSupported: 'Not supported',
};

export const enrollmentLabel: Record<EnrollmentKind, string> = {
  iosDeviceEnrollment: 'iOS device enrollment',
  iosUserEnrollment: 'iOS user enrollment',
  androidWorkProfile: 'Android work profile',
  androidDeviceAdministrator: 'Android device administrator',
  androidFullyManaged: 'Android fully managed',
  macOS: 'macOS',
  windows: 'Windows',
};

/** The remote action's name in the portal (the seed calls it Remove passcode on every platform). */
export const actionLabel = (action: string) => (action === 'resetPasscode' ? 'Remove passcode' : action);
