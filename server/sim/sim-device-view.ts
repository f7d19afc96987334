// A device as the simulator API shows it: what its user sees, its connection, and how Remove passcode stands.
// Never the temporary passcode: that is Graph's, for the admin (managedDevice.deviceActionResults).
import { operatingSystemOf } from '../../shared/enrollment.js';
import type { ActionView } from '../../shared/sim/action-view.js';
import type { DeviceView } from '../../shared/sim/device-view.js';
import type { RemoteActions } from '../services/remote-actions.js';
import type { ActionRecord, DeviceRecord } from '../store/store.js';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * `iso`, remembering the last time it wrote: a fleet-wide action streams thousands of events whose times repeat
 * (a batch's actions were requested in the same millisecond, answers land in the same one), and each conversion
 * builds a Date and a string.
 */
function lastIso(): (ms: number) => string {
  let lastMs = Number.NaN;
  let last = '';
  return (ms) => {
    if (ms !== lastMs) {
      last = iso(ms);
      lastMs = ms;
    }
    return last;
  };
}
const requestedIso = lastIso();
const updatedIso = lastIso();

export function simAction(action: ActionRecord): ActionView {
  return {
    id: action.id,
    deviceId: action.deviceId,
    action: action.action,
    state: action.state,
    initiatedBy: action.initiatedBy,
    requestedAt: requestedIso(action.requestedAt),
    updatedAt: updatedIso(action.updatedAt),
    errorCode: action.errorCode,
    errorDescription: action.errorDescription,
  };
}

export function simDevice(device: DeviceRecord, actions: RemoteActions): DeviceView {
  const support = actions.support(device);
  const latest = actions.latestFor(device.id);
  return {
    id: device.id,
    name: device.inventory.deviceName,
    fleet: device.fleet,
    enrollment: device.inventory.enrollment,
    operatingSystem: operatingSystemOf[device.inventory.enrollment],
    osVersion: device.inventory.osVersion,
    model: device.inventory.model,
    user: device.inventory.userPrincipalName,
    policy: device.inventory.policy,
    connected: device.connected,
    enrolledAt: iso(device.enrolledAt),
    lastSeenAt: iso(device.lastSyncAt),
    removePasscode: {
      ...(support.supported
        ? { supported: true as const, reason: null }
        : { supported: false as const, reason: support.reason }),
      /** The portal's name for the action, and the support edition it follows. */
      actionName: actions.actionName(device.inventory.enrollment),
      edition: actions.edition(),
    },
    state: device.state,
    latestAction: latest ? simAction(latest) : null,
  };
}
