// Devices › Device actions: every remote action with its device, initiator, time and status, from Graph's audits.
import { actionNameOf, actionNameWithoutDevice, useI18n } from '../i18n/i18n.js';
import { formatDateTime } from '../live/format.js';
import { useLive } from '../live/live-state.js';
import { useGraph } from '../live/use-graph.js';
import type { RemoteActionAudit } from '../types.js';
import { useControls } from './navigation.js';

export function DeviceActions() {
  const { m } = useI18n();
  const controls = useControls();
  const { graph } = controls;
  const live = useLive();
  // Each row names the action as the portal does for that device's platform.
  const actionNames = new Map(live.devices.map((device) => [device.id, actionNameOf(m, device)]));
  // A device gone from the simulation (a test run removed it): the name every other device shares, else the edition's.
  const sharedNames = new Set(actionNames.values());
  const unknownDeviceName =
    sharedNames.size === 1 ? [...sharedNames][0] : actionNameWithoutDevice(m, controls.edition);
  // Only the passcode action is named so; any other action Graph audits shows as Graph names it.
  const actionOf = (audit: RemoteActionAudit) =>
    audit.action !== 'resetPasscode'
      ? audit.action
      : (audit.managedDeviceId && actionNames.get(audit.managedDeviceId)) || unknownDeviceName;
  const { data, error } = useGraph(graph.remoteActionAudits, live.actionRevision, 'audits');
  const rows = data ? [...data].sort((a, b) => b.requestDateTime.localeCompare(a.requestDateTime)) : null;
  const c = m.portal.columns;
  return (
    <div>
      <h1 tabIndex={-1} data-view-heading>
        {m.portal.deviceActions}
      </h1>
      {error && (
        <p role="alert" class="error">
          {m.portal.couldNotLoadActions(error)}
          <br />
          {m.portal.retrying}
        </p>
      )}
      {rows && rows.length === 0 && <p>{m.portal.noActions}</p>}
      {rows && rows.length > 0 && (
        <table class="grid" data-table="actions" aria-label={m.portal.deviceActions}>
          <thead>
            <tr>
              <th scope="col">{c.device}</th>
              <th scope="col">{c.action}</th>
              <th scope="col">{c.initiatedBy}</th>
              <th scope="col">{c.requestedAt}</th>
              <th scope="col">{c.status}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((audit) => (
              <tr key={audit.id}>
                <td>{audit.deviceDisplayName}</td>
                <td>{actionOf(audit)}</td>
                <td>{audit.initiatedByUserPrincipalName}</td>
                <td>{formatDateTime(m.locale, audit.requestDateTime)}</td>
                <td>
                  <span class={`status ${audit.actionState}`}>{m.actionState[audit.actionState]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
