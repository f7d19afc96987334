// One device's screen in a recognisable frame; the trainer acts as its user here, and refusals show on the glass.

import { useState } from 'preact/hooks';
import { BellIcon, PowerIcon } from '../icons.js';
import { ApiError, simApi } from '../live/api.js';
import { formatClock } from '../live/format.js';
import { useSimulatedNow } from '../live/live-state.js';
import type { SimDevice, UserInput } from '../types.js';
import { platformOf } from './platform.js';
import {
  AppScreen,
  HomeScreen,
  LockScreen,
  NotificationShade,
  PasscodePrompt,
  type ScreenProps,
  SettingsScreen,
  WorkProfileScreen,
} from './screens.js';

function CurrentScreen(props: ScreenProps) {
  switch (props.device.state.screen.view) {
    case 'lockScreen':
      return <LockScreen {...props} />;
    case 'home':
      return <HomeScreen {...props} />;
    case 'passcodeRequirement':
      return (
        <>
          <HomeScreen {...props} />
          <PasscodePrompt {...props} />
        </>
      );
    case 'app':
      return <AppScreen {...props} />;
    case 'settings':
      return <SettingsScreen {...props} />;
    case 'workProfileChallenge':
    case 'workProfileLocked':
    case 'setNewWorkProfilePasscode':
      return <WorkProfileScreen {...props} />;
  }
}

export function Phone({ device }: { device: SimDevice }) {
  const now = useSimulatedNow() ?? Date.now();
  const platform = platformOf(device);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [shadeOpen, setShadeOpen] = useState(true);
  const { state } = device;
  const view = state.screen.view;

  const send = (input: UserInput) => {
    setRefusal(null);
    simApi.input(device.id, input).catch((error: unknown) => {
      setRefusal(error instanceof ApiError ? error.message : String(error));
    });
  };
  const props: ScreenProps = { device, platform, now, send };
  const hasNotifications = state.notifications.length > 0;
  const canLock = view !== 'lockScreen' && state.locked === false && state.resetToken === null;
  const canGoHome = ['app', 'settings', 'workProfileChallenge', 'workProfileLocked'].includes(view);
  const message = refusal ?? state.screen.message;

  return (
    <section class={`phone ${platform}`} aria-label={`Phone: ${device.name}`} data-view={view}>
      <div class="phone-label">
        <strong>{device.name}</strong>
        <span>
          {device.model} · {device.operatingSystem} {device.osVersion}
          {!device.connected && <em class="offline"> · offline</em>}
        </span>
      </div>
      <div class="frame">
        {platform === 'ios' && <div class="island" aria-hidden="true" />}
        <div class="glass">
          <div class="status-bar">
            <span>{formatClock(now)}</span>
            {platform === 'android' && hasNotifications && (
              <button
                type="button"
                class="shade-toggle"
                aria-expanded={shadeOpen}
                aria-label={shadeOpen ? 'Hide notifications' : 'Show notifications'}
                onClick={() => setShadeOpen(!shadeOpen)}
              >
                <BellIcon /> {state.notifications.length}
              </button>
            )}
            <span aria-hidden="true">{platform === 'computer' ? '⌁ 100%' : '▂▄▆ 100%'}</span>
          </div>
          {platform === 'android' && hasNotifications && shadeOpen && <NotificationShade {...props} />}
          <div class="screen-area">
            <CurrentScreen {...props} />
          </div>
          {message && (
            <div class={`toast ${refusal ? 'refused' : ''}`} role="status" aria-label="Phone message">
              {message}
            </div>
          )}
          <div class="nav-bar">
            {platform === 'android' ? (
              <>
                <button
                  type="button"
                  aria-label="Back"
                  disabled={!canGoHome}
                  onClick={() => send({ type: 'goHome' })}
                >
                  ◀
                </button>
                <button
                  type="button"
                  aria-label="Home"
                  disabled={!canGoHome}
                  onClick={() => send({ type: 'goHome' })}
                >
                  ●
                </button>
                <button
                  type="button"
                  aria-label="Lock screen"
                  disabled={!canLock}
                  onClick={() => send({ type: 'lock' })}
                >
                  <PowerIcon />
                </button>
              </>
            ) : (
              <>
                <button
                  type="button"
                  class="home-indicator"
                  aria-label="Home"
                  disabled={!canGoHome}
                  onClick={() => send({ type: 'goHome' })}
                />
                <button
                  type="button"
                  class="side-button"
                  aria-label="Lock screen"
                  disabled={!canLock}
                  onClick={() => send({ type: 'lock' })}
                >
                  <PowerIcon />
                </button>
              </>
            )}
          </div>
        </div>
      </div>
      <ul class="phone-facts" aria-label="Device facts">
        <li>Passcode {state.passcodeSet ? 'set' : 'none'}</li>
        {state.resetToken && <li>Reset token {state.resetToken}</li>}
        <li class={state.compliant ? 'ok' : 'bad'}>{state.compliant ? 'Compliant' : 'Not compliant'}</li>
      </ul>
    </section>
  );
}
