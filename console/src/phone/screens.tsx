// The screens a device's user sees, one small component each, drawn for iOS, Android or a computer.
import { BriefcaseIcon, LockIcon } from '../icons.js';
import { formatClock, formatCountdown } from '../live/format.js';
import type { SimDevice, UserInput } from '../types.js';
import { PasscodeForm } from './PasscodeForm.js';
import type { Platform } from './platform.js';

export interface ScreenProps {
  device: SimDevice;
  platform: Platform;
  now: number;
  send(input: UserInput): void;
}

export function LockScreen({ device, now, send }: ScreenProps) {
  return (
    <div class="screen lock-screen">
      <div class="lock-icon">
        <LockIcon />
      </div>
      <div class="big-time">{formatClock(now)}</div>
      <div class="date">
        {new Date(now).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long' })}
      </div>
      <div class="lock-bottom">
        {device.state.passcodeSet ? (
          <PasscodeForm
            label="Enter passcode"
            submitLabel="Unlock"
            onSubmit={(passcode) => send({ type: 'unlock', passcode })}
          />
        ) : (
          <button type="button" class="phone-button" onClick={() => send({ type: 'unlock' })}>
            {device.operatingSystem === 'iOS' ? 'Swipe up to open' : 'Open'}
          </button>
        )}
      </div>
    </div>
  );
}

const decorativeApps = ['Phone', 'Mail', 'Camera', 'Photos', 'Maps', 'Calendar'];

export function HomeScreen({ device, send }: ScreenProps) {
  const work = device.enrollment === 'androidWorkProfile';
  return (
    <div class="screen home-screen">
      <div class="app-grid">
        {decorativeApps.map((name) => (
          <div key={name} class={`app-icon deco app-${name.toLowerCase()}`} aria-hidden="true">
            <span class="icon" />
            <span class="name">{name}</span>
          </div>
        ))}
        <button type="button" class="app-icon outlook" onClick={() => send({ type: 'openApp' })}>
          <span class="icon" aria-hidden="true">
            {work ? <BriefcaseIcon /> : 'O'}
          </span>
          <span class="name">{work ? 'Work Outlook' : 'Outlook'}</span>
        </button>
        <button type="button" class="app-icon settings" onClick={() => send({ type: 'openSettings' })}>
          <span class="icon" aria-hidden="true">
            ⚙
          </span>
          <span class="name">Settings</span>
        </button>
      </div>
    </div>
  );
}

export function NotificationShade({ device, send }: ScreenProps) {
  return (
    <section class="shade" aria-label="Notification shade">
      {device.state.notifications.map((notification) => (
        <button
          type="button"
          key={notification.id}
          class="notification"
          aria-label={`Notification: ${notification.title}`}
          onClick={() => send({ type: 'tapNotification', notificationId: notification.id })}
        >
          <span class="notification-app">
            <BriefcaseIcon /> Work profile
          </span>
          <strong>{notification.title}</strong>
          <span>{notification.body}</span>
        </button>
      ))}
    </section>
  );
}

export function PasscodePrompt({ device, now, send }: ScreenProps) {
  const prompt = device.state.prompt;
  const left = prompt ? Date.parse(prompt.deadline) - now : 0;
  const enforced = prompt?.enforced ?? false;
  return (
    <div class="prompt-backdrop">
      <div class="ios-alert" role="alertdialog" aria-label="Passcode Requirement" aria-modal="false">
        <h3>Passcode Requirement</h3>
        {enforced ? (
          <p>You must set a passcode now. Apps will not open until you do.</p>
        ) : (
          <p>
            You must change your unlock passcode within{' '}
            <output class="countdown" aria-label="Time left to set a passcode">
              {formatCountdown(left)}
            </output>
            .
          </p>
        )}
        <div class="alert-buttons">
          {!enforced && (
            <button type="button" onClick={() => send({ type: 'dismissPrompt' })}>
              Later
            </button>
          )}
          <button type="button" class="bold" onClick={() => send({ type: 'openSettings' })}>
            Continue
          </button>
        </div>
      </div>
    </div>
  );
}

export function SettingsScreen({ device, send }: ScreenProps) {
  const { policy } = device;
  return (
    <div class="screen settings-screen">
      <button type="button" class="back" onClick={() => send({ type: 'goHome' })}>
        ‹ Settings
      </button>
      <h3>{device.operatingSystem === 'iOS' ? 'Face ID & Passcode' : 'Security › Screen lock'}</h3>
      <p class="setting-row">
        Passcode <strong>{device.state.passcodeSet ? 'On' : 'Off'}</strong>
      </p>
      {policy?.passcodeRequired && (
        <p class="policy-note">
          Your organisation requires a passcode of at least {policy.minLength} digits.
        </p>
      )}
      <PasscodeForm
        label={device.state.passcodeSet ? 'Change passcode' : 'New passcode'}
        submitLabel="Set passcode"
        onSubmit={(passcode) => send({ type: 'setPasscode', passcode })}
      />
    </div>
  );
}

export function AppScreen({ device }: ScreenProps) {
  return (
    <div class="screen app-screen">
      <h3>{device.enrollment === 'androidWorkProfile' ? 'Work Outlook' : 'Outlook'}</h3>
      <ul class="inbox" aria-label="Inbox">
        <li>
          <strong>IT Helpdesk</strong> Welcome to your managed device
        </li>
        <li>
          <strong>Contoso HR</strong> Benefits enrolment opens Monday
        </li>
        <li>
          <strong>Trainer</strong> This is what the user sees in an app
        </li>
      </ul>
    </div>
  );
}

export function WorkProfileScreen({ device, send }: ScreenProps) {
  const view = device.state.screen.view;
  return (
    <div class="screen work-screen">
      <div class="work-badge">
        <BriefcaseIcon />
      </div>
      <h3>{device.state.screen.title}</h3>
      {view === 'workProfileChallenge' && (
        <>
          <p>Enter your work profile passcode so your organisation can reset it if you forget it.</p>
          <PasscodeForm
            label="Work profile passcode"
            submitLabel="Confirm"
            onSubmit={(passcode) => send({ type: 'enterPasscode', passcode })}
          />
        </>
      )}
      {view === 'workProfileLocked' && (
        <>
          <p>Your work profile is locked. Enter the passcode your IT admin gave you.</p>
          <PasscodeForm
            label="Work profile passcode"
            submitLabel="Unlock"
            onSubmit={(passcode) => send({ type: 'enterPasscode', passcode })}
          />
        </>
      )}
      {view === 'setNewWorkProfilePasscode' && (
        <>
          <p>Choose a new passcode for your work profile.</p>
          <PasscodeForm
            label="New work profile passcode"
            submitLabel="Set passcode"
            onSubmit={(passcode) => send({ type: 'setPasscode', passcode })}
          />
        </>
      )}
    </div>
  );
}
