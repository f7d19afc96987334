// The shapes the console reads from the public APIs: the simulator API's devices and actions, and Graph's resources.
import type { DeviceState, PasscodeKind, ScreenView } from '../../shared/device-state.js';
import type { EnrollmentKind } from '../../shared/enrollment.js';
import type { ActionState } from '../../shared/sim/action-view.js';
import type { UserInput } from '../../shared/user-input.js';

/** The simulator's views, from the one contract in shared/sim/. */
export type { ActionState, ActionView as SimAction } from '../../shared/sim/action-view.js';
export type { ClockView } from '../../shared/sim/clock-view.js';
export type { DeviceView as SimDevice } from '../../shared/sim/device-view.js';
export type { DeviceState, EnrollmentKind, PasscodeKind, ScreenView, UserInput };

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
