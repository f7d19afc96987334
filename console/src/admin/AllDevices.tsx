// Devices › All devices: every managed device from Graph, as the portal's table lists them.
import { useI18n } from '../i18n/i18n.js';
import { formatDateTime } from '../live/format.js';
import { useLive } from '../live/live-state.js';
import { useGraph } from '../live/use-graph.js';
import { useControls } from './navigation.js';

export function AllDevices() {
  const { m } = useI18n();
  const { graph, navigate } = useControls();
  const live = useLive();
  const { data, error } = useGraph(graph.managedDevices, live.deviceRevision, 'all');
  const enrollmentOf = (id: string) => live.devices.find((d) => d.id === id)?.enrollment;
  const c = m.portal.columns;
  return (
    <div>
      <h1 tabIndex={-1} data-view-heading>
        {m.portal.allDevices}
      </h1>
      {error && (
        <p role="alert" class="error">
          {m.portal.couldNotLoadDevices(error)}
          <br />
          {m.portal.retrying}
        </p>
      )}
      {!data && !error && <p>{m.portal.loading}</p>}
      {data && (
        <table class="grid" data-table="devices" aria-label={m.portal.allDevices}>
          <thead>
            <tr>
              <th scope="col">{c.deviceName}</th>
              <th scope="col">{c.os}</th>
              <th scope="col">{c.osVersion}</th>
              <th scope="col">{c.enrollment}</th>
              <th scope="col">{c.compliance}</th>
              <th scope="col">{c.lastCheckIn}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((device) => {
              const kind = enrollmentOf(device.id);
              return (
                <tr key={device.id}>
                  <td>
                    <button
                      type="button"
                      class="link"
                      onClick={() =>
                        navigate((r) => ({
                          ...r,
                          admin: { view: 'device', id: device.id },
                          phones: [device.id],
                        }))
                      }
                    >
                      {device.deviceName}
                    </button>
                  </td>
                  <td>
                    {device.operatingSystem}
                    {/* Shown where the OS version's own column is not (a narrow portal side). */}
                    <span class="os-version-inline"> {device.osVersion}</span>
                  </td>
                  <td>{device.osVersion}</td>
                  <td title={`Graph deviceEnrollmentType: ${device.deviceEnrollmentType}`}>
                    {kind ? m.enrollment[kind] : device.deviceEnrollmentType}
                  </td>
                  <td>
                    <span class={`badge ${device.complianceState}`}>
                      {device.complianceState === 'compliant' ? m.portal.compliant : m.portal.notCompliant}
                    </span>
                  </td>
                  <td>{formatDateTime(m.locale, device.lastSyncDateTime)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
