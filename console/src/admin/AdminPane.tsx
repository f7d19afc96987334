// The admin's side: the Intune portal's Devices blade with All devices, a device's overview, and Device actions.
import { AllDevices } from './AllDevices.js';
import { DeviceActions } from './DeviceActions.js';
import { DeviceOverview } from './DeviceOverview.js';
import { useControls } from './navigation.js';

export function AdminPane() {
  const { admin, goAdmin } = useControls();
  const onDevices = admin.view !== 'actions';
  return (
    <section class="admin" aria-label="Intune admin">
      <header class="portal-bar">
        <span class="portal-brand">Microsoft Intune admin center</span>
        <nav class="breadcrumbs" aria-label="Breadcrumb">
          <span>Home</span> › <span>Devices</span>
          {admin.view === 'device' && (
            <>
              {' '}
              ›{' '}
              <button type="button" class="link" onClick={() => goAdmin({ view: 'devices' })}>
                All devices
              </button>
            </>
          )}
        </nav>
      </header>
      <div class="portal-body">
        <nav class="portal-menu" aria-label="Devices menu">
          <h2>Devices</h2>
          <button
            type="button"
            aria-current={onDevices ? 'page' : undefined}
            onClick={() => goAdmin({ view: 'devices' })}
          >
            All devices
          </button>
          <button
            type="button"
            aria-current={admin.view === 'actions' ? 'page' : undefined}
            onClick={() => goAdmin({ view: 'actions' })}
          >
            Device actions
          </button>
        </nav>
        <div class="portal-content">
          {admin.view === 'devices' && <AllDevices />}
          {admin.view === 'device' && <DeviceOverview id={admin.id} />}
          {admin.view === 'actions' && <DeviceActions />}
        </div>
      </div>
    </section>
  );
}
