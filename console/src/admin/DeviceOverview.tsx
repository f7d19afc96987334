// A device's overview: its properties, the ...More menu with Remove passcode, and how the latest action stands.
import { useState } from 'preact/hooks';
import { ApiError } from '../live/api.js';
import { actionStateLabel, enrollmentLabel, formatDateTime } from '../live/format.js';
import { useLive } from '../live/live-state.js';
import { useGraph } from '../live/use-graph.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { MoreMenu } from './MoreMenu.js';
import { useControls } from './navigation.js';

export function DeviceOverview({ id }: { id: string }) {
  const { graph } = useControls();
  const live = useLive();
  const simDevice = live.devices.find((d) => d.id === id);
  // Refetch on any change of this device or its actions.
  const revision = live.revisions[id] ?? 0;
  const { data: device, error } = useGraph(() => graph.managedDevice(id), revision, id);
  const [confirming, setConfirming] = useState(false);
  const [requestError, setRequestError] = useState<string | null>(null);

  const support = simDevice?.removePasscode ?? { supported: true, reason: null };
  const result = device?.deviceActionResults.find((r) => r.actionName === 'resetPasscode');
  const isAndroid = device?.operatingSystem === 'Android';

  const removePasscode = async () => {
    setConfirming(false);
    setRequestError(null);
    try {
      await graph.resetPasscode(id);
    } catch (failure) {
      setRequestError(failure instanceof ApiError ? failure.message : String(failure));
    }
  };

  if (error)
    return (
      <p role="alert" class="error">
        Could not load the device: {error}
      </p>
    );
  if (!device) return <p>Loading…</p>;
  return (
    <div class="overview">
      <div class="overview-head">
        <h1>{device.deviceName}</h1>
        <MoreMenu
          supported={support.supported}
          reason={support.reason}
          onRemovePasscode={() => setConfirming(true)}
        />
      </div>
      {!support.supported && (
        <p class="unavailable" role="note" aria-label="Remove passcode unavailable">
          <strong>Remove passcode is not available for this device.</strong> {support.reason}
        </p>
      )}
      {requestError && (
        <p role="alert" class="error">
          Remove passcode was refused: {requestError}
        </p>
      )}
      {result && (
        <section class="action-result" aria-label="Remove passcode status">
          <h2>Remove passcode</h2>
          <p>
            Status:{' '}
            <output class={`status ${result.actionState}`} aria-label="Action status">
              {actionStateLabel[result.actionState]}
            </output>{' '}
            · requested {formatDateTime(result.startDateTime)} · updated{' '}
            {formatDateTime(result.lastUpdatedDateTime)}
          </p>
          {isAndroid && result.passcode && (
            <p class="temp-passcode">
              Temporary passcode:{' '}
              <output aria-label="Temporary passcode">
                <code>{result.passcode}</code>
              </output>
              <span class="hint"> Give it to the user; it unlocks the device once.</span>
            </p>
          )}
          {result.actionState === 'failed' && simDevice?.latestAction?.errorDescription && (
            <p class="error">{simDevice.latestAction.errorDescription}</p>
          )}
        </section>
      )}
      <dl class="properties">
        <dt>Device name</dt>
        <dd>{device.deviceName}</dd>
        <dt>Primary user</dt>
        <dd>{device.userPrincipalName}</dd>
        <dt>Operating system</dt>
        <dd>
          {device.operatingSystem} {device.osVersion}
        </dd>
        <dt>Enrollment</dt>
        <dd>{simDevice ? enrollmentLabel[simDevice.enrollment] : device.deviceEnrollmentType}</dd>
        <dt>Model</dt>
        <dd>
          {device.manufacturer} {device.model}
        </dd>
        <dt>Compliance</dt>
        <dd>
          <span class={`badge ${device.complianceState}`}>
            {device.complianceState === 'compliant' ? 'Compliant' : 'Not compliant'}
          </span>
        </dd>
        <dt>Passcode policy</dt>
        <dd>
          {simDevice?.policy?.passcodeRequired
            ? `Required, at least ${simDevice.policy.minLength} characters`
            : 'None'}
        </dd>
        <dt>Last check-in</dt>
        <dd>{formatDateTime(device.lastSyncDateTime)}</dd>
      </dl>
      {confirming && (
        <ConfirmDialog
          title="Remove passcode"
          message={
            isAndroid
              ? `Reset the passcode of ${device.deviceName}? A temporary passcode will be shown here.`
              : `Remove the passcode of ${device.deviceName}? The device will have no passcode until the user sets one.`
          }
          confirmLabel="Yes"
          onConfirm={removePasscode}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
