// The admin's side: the Intune portal's Devices blade with All devices, a device's overview, and Device actions.
import { useI18n } from '../i18n/i18n.js';
import { AllDevices } from './AllDevices.js';
import { DeviceActions } from './DeviceActions.js';
import { DeviceOverview } from './DeviceOverview.js';
import { useControls } from './navigation.js';

export function AdminPane() {
  const { m } = useI18n();
  const { route, goAdmin } = useControls();
  const admin = route.admin;
  const onDevices = admin.view !== 'actions';
  return (
    <section class="admin" aria-label={m.portal.landmark}>
      <header class="portal-bar">
        <span class="portal-brand">{m.portal.brand}</span>
        <nav class="breadcrumbs" aria-label={m.portal.breadcrumb}>
          <span>{m.portal.home}</span> › <span>{m.portal.devices}</span>
          {admin.view === 'device' && (
            <>
              {' '}
              ›{' '}
              <button type="button" class="link" onClick={() => goAdmin({ view: 'devices' })}>
                {m.portal.allDevices}
              </button>
            </>
          )}
        </nav>
      </header>
      <div class="portal-body">
        <nav class="portal-menu" aria-label={m.portal.devicesMenu}>
          <h2>{m.portal.devices}</h2>
          <button
            type="button"
            aria-current={onDevices ? 'page' : undefined}
            onClick={() => goAdmin({ view: 'devices' })}
          >
            {m.portal.allDevices}
          </button>
          <button
            type="button"
            aria-current={admin.view === 'actions' ? 'page' : undefined}
            onClick={() => goAdmin({ view: 'actions' })}
          >
            {m.portal.deviceActions}
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
