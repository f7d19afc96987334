// A device's overview: its properties, the ...More menu with the passcode action, and how the latest action stands.
import { useEffect, useRef, useState } from 'preact/hooks';
import { actionNameOf, supportReason, useI18n } from '../i18n/i18n.js';
import { ApiError } from '../live/api.js';
import { formatDateTime } from '../live/format.js';
import { useLive } from '../live/live-state.js';
import { useGraph } from '../live/use-graph.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { MoreMenu } from './MoreMenu.js';
import { useControls } from './navigation.js';

/** Moves focus to a view's heading when it opens, unless the trainer is busy elsewhere (the tour bar, a phone). */
export function focusHeadingIfIdle(heading: HTMLElement | null): void {
  const active = document.activeElement;
  if (!heading) return;
  if (!active || active === document.body || active.closest('.admin')) heading.focus();
}

export function DeviceOverview({ id }: { id: string }) {
  const { m } = useI18n();
  const { graph } = useControls();
  const live = useLive();
  const simDevice = live.devices.find((d) => d.id === id);
  // Refetch on any change of this device or its actions, and whenever the live picture reloads.
  const revision = `${live.epoch}:${live.revisions[id] ?? 0}`;
  const { data: device, error } = useGraph(() => graph.managedDevice(id), revision, id);
  const [confirming, setConfirming] = useState(false);
  const [requestError, setRequestError] = useState<string | null>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const focusedFor = useRef<string | null>(null);
  const loaded = device !== null;

  useEffect(() => {
    if (!loaded || focusedFor.current === id) return;
    focusedFor.current = id;
    focusHeadingIfIdle(heading.current);
  }, [id, loaded]);

  // The portal names the action for the device's platform (the server says which), so the menu waits for the device.
  const actionName = simDevice ? actionNameOf(m, simDevice) : null;
  const support = simDevice?.removePasscode ?? { supported: true, reason: null };
  const reason = actionName && support.reason ? supportReason(m, actionName, support.reason) : null;
  const result = device?.deviceActionResults.find((r) => r.actionName === 'resetPasscode');
  const isAndroid = device?.operatingSystem === 'Android';
  const latest = simDevice?.latestAction;
  const failure = latest?.state === 'failed' ? m.failure.byCode[latest.errorCode ?? -1] : undefined;

  const removePasscode = async () => {
    setConfirming(false);
    setRequestError(null);
    try {
      await graph.resetPasscode(id);
    } catch (failed) {
      setRequestError(failed instanceof ApiError ? failed.message : String(failed));
    }
  };

  if (error && !device)
    return (
      <p role="alert" class="error">
        {m.portal.couldNotLoadDevice(error)}
        <br />
        {m.portal.retrying}
      </p>
    );
  if (!device) return <p>{m.portal.loading}</p>;
  const p = m.overview.properties;
  return (
    <div class="overview">
      <div class="overview-head">
        <h1 ref={heading} tabIndex={-1} data-view-heading>
          {device.deviceName}
        </h1>
        {actionName && (
          <MoreMenu
            actionName={actionName}
            supported={support.supported}
            reason={reason}
            onRemovePasscode={() => setConfirming(true)}
            buttonRef={moreButton}
          />
        )}
      </div>
      {actionName && !support.supported && (
        <p class="unavailable" role="note" aria-label={m.overview.unavailableLabel(actionName)}>
          <strong>{m.overview.unavailable(actionName)}</strong> {reason}
        </p>
      )}
      {actionName && requestError && (
        <p role="alert" class="error">
          {m.overview.refused(actionName, requestError)}
        </p>
      )}
      {actionName && result && (
        <section class="action-result" aria-label={m.overview.statusLabel(actionName)}>
          <h2>{actionName}</h2>
          <p>
            {m.overview.status}:{' '}
            <output class={`status ${result.actionState}`} aria-label={m.overview.actionStatus}>
              {m.actionState[result.actionState]}
            </output>{' '}
            · {m.overview.requested} {formatDateTime(m.locale, result.startDateTime)} · {m.overview.updated}{' '}
            {formatDateTime(m.locale, result.lastUpdatedDateTime)}
          </p>
          {isAndroid && result.passcode && (
            <p class="temp-passcode">
              {m.overview.temporaryPasscode}:{' '}
              <output aria-label={m.overview.temporaryPasscode}>
                <code>{result.passcode}</code>
              </output>
              <span class="hint">
                {' '}
                {simDevice?.enrollment === 'androidWorkProfile'
                  ? m.overview.temporaryHint.workProfile
                  : m.overview.temporaryHint.device}
              </span>
            </p>
          )}
          {result.actionState === 'failed' && latest && (
            <div class="failure" role="note" aria-label={m.actionState.failed}>
              <p class="error">
                {failure ? failure.text(actionName ?? '') : m.failure.other(latest.errorDescription ?? '')}
              </p>
              {failure && <p>{failure.remedy}</p>}
            </div>
          )}
        </section>
      )}
      <dl class="properties">
        <dt>{p.deviceName}</dt>
        <dd>{device.deviceName}</dd>
        <dt>{p.primaryUser}</dt>
        <dd>{device.userPrincipalName}</dd>
        <dt>{p.os}</dt>
        <dd>
          {device.operatingSystem} {device.osVersion}
        </dd>
        <dt>{p.enrollment}</dt>
        <dd>{simDevice ? m.enrollment[simDevice.enrollment] : device.deviceEnrollmentType}</dd>
        <dt>{p.model}</dt>
        <dd>
          {device.manufacturer} {device.model}
        </dd>
        <dt>{p.compliance}</dt>
        <dd>
          <span class={`badge ${device.complianceState}`}>
            {device.complianceState === 'compliant' ? m.portal.compliant : m.portal.notCompliant}
          </span>
        </dd>
        <dt>{p.policy}</dt>
        <dd>
          {simDevice?.policy?.passcodeRequired
            ? m.overview.policyRequired(simDevice.policy.minLength)
            : m.overview.policyNone}
        </dd>
        <dt>{p.lastCheckIn}</dt>
        <dd>{formatDateTime(m.locale, device.lastSyncDateTime)}</dd>
      </dl>
      {actionName && confirming && (
        <ConfirmDialog
          title={actionName}
          message={
            isAndroid
              ? m.overview.confirmAndroid(device.deviceName)
              : m.overview.confirmIos(device.deviceName)
          }
          confirmLabel={m.overview.yes}
          cancelLabel={m.overview.no}
          onConfirm={removePasscode}
          onCancel={() => setConfirming(false)}
          returnTo={moreButton}
        />
      )}
    </div>
  );
}
