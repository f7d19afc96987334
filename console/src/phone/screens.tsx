// The screens a device's user sees, one small component each, drawn for iOS, Android or a computer.
import { useI18n } from '../i18n/i18n.js';
import { BriefcaseIcon, LockIcon } from '../icons.js';
import { formatClock, formatCountdown, formatDate } from '../live/format.js';
import type { SimDevice, UserInput } from '../types.js';
import { PasscodeForm } from './PasscodeForm.js';
import type { Frame, Platform } from './platform.js';

export interface ScreenProps {
  device: SimDevice;
  platform: Platform;
  frame: Frame;
  now: number;
  send(input: UserInput): void;
}

export function LockScreen({ device, platform, now, send }: ScreenProps) {
  const { m } = useI18n();
  const computer = platform === 'computer';
  return (
    <div class="screen lock-screen">
      <div class="lock-icon">
        <LockIcon />
      </div>
      <div class="big-time">{formatClock(m.locale, now)}</div>
      <div class="date">{formatDate(m.locale, now)}</div>
      <div class="lock-bottom">
        {device.state.passcodeSet ? (
          <PasscodeForm
            label={computer ? m.device.enterPassword : m.device.enterPasscode}
            submitLabel={computer ? m.device.signIn : m.device.unlock}
            numeric={!computer}
            onSubmit={(passcode) => send({ type: 'unlock', passcode })}
          />
        ) : (
          <button type="button" class="phone-button" onClick={() => send({ type: 'unlock' })}>
            {computer ? m.device.signIn : platform === 'ios' ? m.device.swipeUp : m.device.open}
          </button>
        )}
      </div>
    </div>
  );
}

export function HomeScreen({ device, send }: ScreenProps) {
  const { m } = useI18n();
  const work = device.enrollment === 'androidWorkProfile';
  const workLocked = device.state.workProfileLocked === true;
  return (
    <div class="screen home-screen">
      <div class="app-grid">
        {m.device.personalApps.map((name, index) => (
          <div key={name} class={`app-icon deco app-${index}`} aria-hidden="true">
            <span class="icon" />
            <span class="name">{name}</span>
          </div>
        ))}
        <button
          type="button"
          class={`app-icon outlook${workLocked ? ' locked' : ''}`}
          onClick={() => send({ type: 'openApp' })}
        >
          <span class="icon" aria-hidden="true">
            {work ? <BriefcaseIcon /> : 'O'}
          </span>
          <span class="name">{work ? m.device.workOutlook : m.device.outlook}</span>
        </button>
        <button type="button" class="app-icon settings" onClick={() => send({ type: 'openSettings' })}>
          <span class="icon" aria-hidden="true">
            ⚙
          </span>
          <span class="name">{m.device.settings}</span>
        </button>
      </div>
      {workLocked && (
        <p class="work-locked-note">
          <LockIcon /> {m.device.workLocked}
        </p>
      )}
    </div>
  );
}

export function NotificationShade({ device, send }: ScreenProps) {
  const { m } = useI18n();
  return (
    <section class="shade" aria-label={m.phones.shade}>
      {device.state.notifications.map((notification) => {
        const text = m.device.notifications[notification.id] ?? notification;
        return (
          <button
            type="button"
            key={notification.id}
            class="notification"
            onClick={() => send({ type: 'tapNotification', notificationId: notification.id })}
          >
            <strong>{text.title}</strong>
            <span class="notification-app">
              <BriefcaseIcon /> {m.device.notificationApp}
            </span>
            <span>{text.body}</span>
          </button>
        );
      })}
    </section>
  );
}

export function PasscodePrompt({ device, now, send }: ScreenProps) {
  const { m } = useI18n();
  const prompt = device.state.prompt;
  const left = prompt ? Date.parse(prompt.deadline) - now : 0;
  const enforced = prompt?.enforced ?? false;
  return (
    <div class="prompt-backdrop">
      <div class="ios-alert" role="alertdialog" aria-labelledby={`prompt-${device.id}`} aria-modal="false">
        <h3 id={`prompt-${device.id}`}>{m.device.promptTitle}</h3>
        {enforced ? (
          <p>{m.device.promptEnforced}</p>
        ) : (
          <p>
            {m.device.promptCountdown}{' '}
            <output class="countdown" aria-label={m.device.timeLeft}>
              {formatCountdown(left)}
            </output>
            .
          </p>
        )}
        <div class="alert-buttons">
          {!enforced && (
            <button type="button" onClick={() => send({ type: 'dismissPrompt' })}>
              {m.device.later}
            </button>
          )}
          <button type="button" class="bold" onClick={() => send({ type: 'openSettings' })}>
            {m.device.continue}
          </button>
        </div>
      </div>
    </div>
  );
}

export function SettingsScreen({ device, platform, send }: ScreenProps) {
  const { m } = useI18n();
  const { policy } = device;
  const title =
    platform === 'ios'
      ? m.device.iosSettingsTitle
      : platform === 'android'
        ? m.device.androidSettingsTitle
        : m.device.computerSettingsTitle;
  return (
    <div class="screen settings-screen">
      <button type="button" class="back" onClick={() => send({ type: 'goHome' })}>
        {m.device.settingsBack}
      </button>
      <h3>{title}</h3>
      <p class="setting-row">
        {m.device.passcodeRow} <strong>{device.state.passcodeSet ? m.device.on : m.device.off}</strong>
      </p>
      {policy?.passcodeRequired && <p class="policy-note">{m.device.policyNote(policy.minLength)}</p>}
      <PasscodeForm
        label={device.state.passcodeSet ? m.device.changePasscode : m.device.newPasscode}
        submitLabel={m.device.setPasscode}
        onSubmit={(passcode) => send({ type: 'setPasscode', passcode })}
      />
    </div>
  );
}

export function AppScreen({ device }: ScreenProps) {
  const { m } = useI18n();
  return (
    <div class="screen app-screen">
      <h3>{device.enrollment === 'androidWorkProfile' ? m.device.workOutlook : m.device.outlook}</h3>
      <ul class="inbox" aria-label={m.device.inbox}>
        {m.device.mails.map(([from, subject]) => (
          <li key={from}>
            <strong>{from}</strong> {subject}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function WorkProfileScreen({ device, send }: ScreenProps) {
  const { m } = useI18n();
  const view = device.state.screen.view;
  return (
    <div class="screen work-screen">
      <div class="work-badge">
        <BriefcaseIcon />
      </div>
      <h3>{m.device.screenTitles[view]}</h3>
      {view === 'workProfileChallenge' && (
        <>
          <p>{m.device.workChallengeText}</p>
          <PasscodeForm
            label={m.device.workPasscode}
            submitLabel={m.device.confirm}
            onSubmit={(passcode) => send({ type: 'enterPasscode', passcode })}
          />
        </>
      )}
      {view === 'workProfileLocked' && (
        <>
          <p>{m.device.workLockedText}</p>
          <PasscodeForm
            label={m.device.workPasscode}
            submitLabel={m.device.unlock}
            onSubmit={(passcode) => send({ type: 'enterPasscode', passcode })}
          />
        </>
      )}
      {view === 'setNewWorkProfilePasscode' && (
        <>
          <p>{m.device.workNewText}</p>
          <PasscodeForm
            label={m.device.newWorkPasscode}
            submitLabel={m.device.setPasscode}
            onSubmit={(passcode) => send({ type: 'setPasscode', passcode })}
          />
        </>
      )}
    </div>
  );
}
