// Devices › Device actions: every remote action with its device, initiator, time and status, from Graph's audits.
import { actionLabel, actionStateLabel, formatDateTime } from '../live/format.js';
import { useLive } from '../live/live-state.js';
import { useGraph } from '../live/use-graph.js';
import { useControls } from './navigation.js';

export function DeviceActions() {
  const { graph } = useControls();
  const live = useLive();
  const { data, error } = useGraph(graph.remoteActionAudits, live.actionRevision, 'audits');
  const rows = data ? [...data].sort((a, b) => b.requestDateTime.localeCompare(a.requestDateTime)) : null;
  return (
    <div>
      <h1>Device actions</h1>
      {error && (
        <p role="alert" class="error">
          Could not load device actions: {error}
        </p>
      )}
      {rows && rows.length === 0 && <p>No remote actions yet.</p>}
      {rows && rows.length > 0 && (
        <table class="grid" aria-label="Device actions">
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Action</th>
              <th scope="col">Initiated by</th>
              <th scope="col">Requested at</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((audit) => (
              <tr key={audit.id}>
                <td>{audit.deviceDisplayName}</td>
                <td>{actionLabel(audit.action)}</td>
                <td>{audit.initiatedByUserPrincipalName}</td>
                <td>{formatDateTime(audit.requestDateTime)}</td>
                <td>
                  <span class={`status ${audit.actionState}`}>{actionStateLabel[audit.actionState]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
