// Devices › All devices: every managed device from Graph, as the portal's table lists them.
import { enrollmentLabel, formatDateTime } from '../live/format.js';
import { useLive } from '../live/live-state.js';
import { useGraph } from '../live/use-graph.js';
import { useControls } from './navigation.js';

export function AllDevices() {
  const { graph, goAdmin, showPhones } = useControls();
  const live = useLive();
  const { data, error } = useGraph(graph.managedDevices, live.deviceRevision, 'all');
  const enrollmentOf = (id: string) => live.devices.find((d) => d.id === id)?.enrollment;
  return (
    <div>
      <h1>All devices</h1>
      {error && (
        <p role="alert" class="error">
          Could not load devices: {error}
        </p>
      )}
      {!data && !error && <p>Loading…</p>}
      {data && (
        <table class="grid" aria-label="All devices">
          <thead>
            <tr>
              <th scope="col">Device name</th>
              <th scope="col">OS</th>
              <th scope="col">OS version</th>
              <th scope="col">Enrollment type</th>
              <th scope="col">Compliance</th>
              <th scope="col">Last check-in</th>
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
                      onClick={() => {
                        goAdmin({ view: 'device', id: device.id });
                        showPhones([device.id]);
                      }}
                    >
                      {device.deviceName}
                    </button>
                  </td>
                  <td>{device.operatingSystem}</td>
                  <td>{device.osVersion}</td>
                  <td title={`Graph deviceEnrollmentType: ${device.deviceEnrollmentType}`}>
                    {kind ? enrollmentLabel[kind] : device.deviceEnrollmentType}
                  </td>
                  <td>
                    <span class={`badge ${device.complianceState}`}>
                      {device.complianceState === 'compliant' ? 'Compliant' : 'Not compliant'}
                    </span>
                  </td>
                  <td>{formatDateTime(device.lastSyncDateTime)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
