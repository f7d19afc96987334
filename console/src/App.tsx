// The console's layout: header with clock, admin side and phones side by side, guided tour along the bottom.
import { useMemo, useState } from 'preact/hooks';
import { AdminPane } from './admin/AdminPane.js';
import { type AdminView, type ConsoleControls, ControlsContext } from './admin/navigation.js';
import { ClockControl } from './clock/ClockControl.js';
import { graphApi } from './live/api.js';
import { LiveContext, useLiveState } from './live/live-state.js';
import { PhonePane } from './phone/PhonePane.js';
import { TourBar } from './tour/TourBar.js';

export function App({ token, onSignOut }: { token: string; onSignOut(): void }) {
  const live = useLiveState();
  const [admin, goAdmin] = useState<AdminView>({ view: 'devices' });
  const [chosen, showPhones] = useState<string[] | null>(null);
  const graph = useMemo(() => graphApi(token), [token]);
  // Until the trainer chooses, show the first device's phone.
  const phones = chosen ?? live.devices.slice(0, 1).map((device) => device.id);
  const controls: ConsoleControls = { graph, admin, goAdmin, phones, showPhones };

  return (
    <LiveContext.Provider value={live}>
      <ControlsContext.Provider value={controls}>
        <div class="console">
          <header class="top">
            <h1>mdmsim · Remove passcode trainer</h1>
            <span
              class={`stream ${live.streaming ? 'on' : 'off'}`}
              role="status"
              aria-label="Live connection"
            >
              {live.streaming ? '● Live' : '○ Reconnecting…'}
            </span>
            <ClockControl />
            <button type="button" class="link" onClick={onSignOut}>
              Change token
            </button>
          </header>
          {live.error && (
            <p role="alert" class="error">
              {live.error}
            </p>
          )}
          <main class="sides">
            <AdminPane />
            <PhonePane />
          </main>
          <TourBar />
        </div>
      </ControlsContext.Provider>
    </LiveContext.Provider>
  );
}
