// The shapes the console reads from the public APIs: the simulator API's devices and actions, and Graph's resources.
import type { DeviceState, ScreenView } from '../../shared/device-state.js';
import type { EnrollmentKind } from '../../shared/enrollment.js';
import type { UserInput } from '../../shared/user-input.js';

export type { DeviceState, EnrollmentKind, ScreenView, UserInput };

export type ActionState = 'pending' | 'active' | 'done' | 'failed' | 'notSupported';

/** An action as /sim/devices and the `action` event show it (server/sim/sim-device-view.ts simAction). */
export interface SimAction {
  id: string;
  deviceId: string;
  action: string;
  state: ActionState;
  initiatedBy: string;
  requestedAt: string;
  updatedAt: string;
  passcode: string | null;
  errorCode: number | null;
  errorDescription: string | null;
}

/** A device as the simulator API shows it (server/sim/sim-device-view.ts simDevice). */
export interface SimDevice {
  id: string;
  name: string;
  fleet: string;
  enrollment: EnrollmentKind;
  operatingSystem: 'iOS' | 'Android' | 'macOS' | 'Windows';
  osVersion: string;
  model: string;
  user: string;
  policy: { passcodeRequired: boolean; minLength: number } | null;
  connected: boolean;
  enrolledAt: string;
  lastSeenAt: string;
  removePasscode: { supported: boolean; reason: string | null; actionName: string; edition: string };
  state: DeviceState;
  latestAction: SimAction | null;
}

export interface ClockView {
  now: string;
  nowMs: number;
  speed: number;
}

/** Graph's resetPasscodeActionResult, inside managedDevice.deviceActionResults. */
export interface DeviceActionResult {
  actionName: string;
  actionState: ActionState;
  startDateTime: string;
  lastUpdatedDateTime: string;
  passcode: string | null;
  errorCode: number;
}

/** The managedDevice properties the console shows. */
export interface ManagedDevice {
  id: string;
  deviceName: string;
  operatingSystem: string;
  osVersion: string;
  deviceEnrollmentType: string;
  complianceState: string;
  lastSyncDateTime: string;
  deviceType?: string;
  model: string;
  manufacturer?: string;
  userPrincipalName: string;
  userDisplayName?: string;
  serialNumber?: string;
  deviceActionResults: DeviceActionResult[];
}

export interface RemoteActionAudit {
  id: string;
  deviceDisplayName: string;
  userName: string;
  initiatedByUserPrincipalName: string;
  action: string;
  requestDateTime: string;
  actionState: ActionState;
  managedDeviceId: string;
}
