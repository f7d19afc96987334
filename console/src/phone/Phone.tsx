// One device's screen in a frame that matches it; the trainer acts as its user here, and refusals show on the glass.
import { useState } from 'preact/hooks';
import { useControls } from '../admin/navigation.js';
import { deviceText, useI18n, wordsOf, workProfileWordsOf } from '../i18n/i18n.js';
import { BellIcon, PowerIcon } from '../icons.js';
import { ApiError } from '../live/api.js';
import { formatClock } from '../live/format.js';
import { useSimulatedNow } from '../live/live-state.js';
import type { SimDevice, UserInput } from '../types.js';
import { frameOf, platformOfFrame } from './platform.js';
import {
  AppScreen,
  HomeScreen,
  LockScreen,
  NotificationShade,
  PasscodePrompt,
  PersonalAppScreen,
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
    case 'personalApp':
      return <PersonalAppScreen />;
    case 'settings':
      return <SettingsScreen {...props} />;
    case 'workProfileChallenge':
    case 'workProfileLocked':
    case 'setNewWorkProfilePasscode':
      return <WorkProfileScreen {...props} />;
  }
}

/** `zoom`: presenter mode's size for the phone, fitted to the pane; otherwise the stylesheet's size for the window. */
export function Phone({ device, zoom = null }: { device: SimDevice; zoom?: number | null }) {
  const { m } = useI18n();
  const { sim } = useControls();
  const now = useSimulatedNow() ?? Date.now();
  const frame = frameOf(device);
  const platform = platformOfFrame(frame);
  // A refusal shows until the device's state changes after it (the admin removed the passcode, the simulation was
  // reset): it is about the screen it was given on, not a later one.
  const [refusal, setRefusal] = useState<{ text: string; on: SimDevice['state'] } | null>(null);
  const [shadeOpen, setShadeOpen] = useState(true);
  const { state } = device;
  const view = state.screen.view;

  const send = (input: UserInput) => {
    setRefusal(null);
    const on = device.state;
    sim.input(device.id, input).catch((error: unknown) => {
      setRefusal({ text: error instanceof ApiError ? error.message : String(error), on });
    });
  };
  const hasNotifications = state.notifications.length > 0;
  const canLock = view !== 'lockScreen' && state.locked === false && state.resetToken === null;
  const canGoHome = ['app', 'personalApp', 'settings', 'workProfileChallenge', 'workProfileLocked'].includes(
    view,
  );
  // Still shown (in red) while the device says the same, as after a wrong passcode; gone once it says something else.
  const shownRefusal =
    refusal && (refusal.on === state || refusal.text === state.screen.message) ? refusal.text : null;
  const rawMessage = shownRefusal ?? state.screen.message;
  // An Android lock says PIN or password by its passcode: the device's own, or on a work profile the work profile's.
  const words = wordsOf(m, platform, state.passcodeKind);
  const message = rawMessage && (
    <div class={`toast ${shownRefusal ? 'refused' : ''}`} role="status" aria-label={m.phones.message}>
      {deviceText(m, rawMessage, platform, state.passcodeKind)}
    </div>
  );
  const onLockScreen = view === 'lockScreen';
  const props: ScreenProps = { device, platform, frame, words, now, send, message: onLockScreen && message };
  // The facts speak the phone's words; on an Android work profile the passcode is the work profile's own lock.
  const workWords = workProfileWordsOf(m, state.passcodeKind);
  const lockFact =
    device.enrollment === 'androidWorkProfile'
      ? state.passcodeSet
        ? workWords.workProfilePasscodeSet
        : workWords.workProfilePasscodeNone
      : state.passcodeSet
        ? words.passcodeSet
        : words.passcodeNone;
  const tokenState = state.resetToken
    ? (m.device.resetTokenStates[state.resetToken] ?? state.resetToken)
    : null;

  return (
    <section
      class={`phone ${platform} ${frame}`}
      aria-label={m.phones.region(device.name)}
      data-view={view}
      style={zoom === null ? undefined : { zoom: String(zoom) }}
    >
      <div class="phone-label">
        <strong>{device.name}</strong>
        <span>
          {device.model} · {device.operatingSystem} {device.osVersion}
          {!device.connected && <em class="offline"> · {m.phones.offline}</em>}
        </span>
      </div>
      <div class="frame">
        {frame === 'iphone' && <div class="island" aria-hidden="true" />}
        <div class="glass">
          <div class="status-bar">
            <span>{formatClock(m.locale, now)}</span>
            {platform === 'android' && hasNotifications && (
              <button
                type="button"
                class="shade-toggle"
                aria-expanded={shadeOpen}
                onClick={() => setShadeOpen(!shadeOpen)}
              >
                <BellIcon />
                <span class="visually-hidden">
                  {shadeOpen ? m.phones.hideNotifications : m.phones.showNotifications}
                </span>{' '}
                {state.notifications.length}
              </button>
            )}
            <span aria-hidden="true">{platform === 'computer' ? '⌁ 100%' : '▂▄▆ 100%'}</span>
          </div>
          {!onLockScreen && message}
          {platform === 'android' && hasNotifications && shadeOpen && <NotificationShade {...props} />}
          <div class="screen-area">
            <CurrentScreen {...props} />
          </div>
          <div class="nav-bar">
            {platform === 'android' ? (
              <>
                <button
                  type="button"
                  aria-label={m.phones.back}
                  disabled={!canGoHome}
                  onClick={() => send({ type: 'goHome' })}
                >
                  ◀
                </button>
                <button
                  type="button"
                  aria-label={m.phones.home}
                  disabled={!canGoHome}
                  onClick={() => send({ type: 'goHome' })}
                >
                  ●
                </button>
                <button
                  type="button"
                  aria-label={m.phones.lock}
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
                  aria-label={m.phones.home}
                  disabled={!canGoHome}
                  onClick={() => send({ type: 'goHome' })}
                />
                <button
                  type="button"
                  class="side-button"
                  aria-label={m.phones.lock}
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
      {frame === 'mac' && <div class="laptop-base" aria-hidden="true" />}
      {frame === 'windows' && <div class="monitor-stand" aria-hidden="true" />}
      <ul class="phone-facts" aria-label={m.phones.facts}>
        <li>{lockFact}</li>
        {tokenState && <li>{m.phones.resetToken(tokenState)}</li>}
        {state.workProfileLocked && <li>{m.phones.workProfileLocked}</li>}
        <li class={state.compliant ? 'ok' : 'bad'}>
          {state.compliant ? m.phones.compliant : m.phones.notCompliant}
        </li>
      </ul>
    </section>
  );
}
