// The screens a device's user sees, one small component each, drawn for iOS, Android or a computer.
import type { ComponentChildren } from 'preact';
import { type DeviceWords, passcodePromptTexts, useI18n, workProfileWordsOf } from '../i18n/i18n.js';
import { BriefcaseIcon, LockIcon } from '../icons.js';
import { formatClock, formatCountdown, formatDate } from '../live/format.js';
import type { SimDevice, UserInput } from '../types.js';
import { PasscodeForm } from './PasscodeForm.js';
import type { Frame, Platform } from './platform.js';

export interface ScreenProps {
  device: SimDevice;
  platform: Platform;
  frame: Frame;
  /** What the device's screens call its lock (a PIN or a password on Android) and its apps. */
  words: DeviceWords;
  now: number;
  send(input: UserInput): void;
  /** The phone's message (a wrong passcode, a refusal): the lock screen places it itself, elsewhere it floats. */
  message?: ComponentChildren;
}

export function LockScreen({ device, platform, words, now, send, message }: ScreenProps) {
  const { m } = useI18n();
  return (
    <div class="screen lock-screen">
      <div class="lock-icon">
        <LockIcon />
      </div>
      <div class="big-time">{formatClock(m.locale, now)}</div>
      <div class="date">{formatDate(m.locale, now)}</div>
      {/* Above the passcode field, as AOSP's keyguard shows "Wrong PIN": the clock stays in view. */}
      <div class="lock-bottom">
        {message}
        {device.state.passcodeSet ? (
          <PasscodeForm
            label={words.enterPasscode}
            submitLabel={words.unlock}
            numeric={platform !== 'computer' && device.state.passcodeKind !== 'password'}
            onSubmit={(passcode) => send({ type: 'unlock', passcode })}
          />
        ) : (
          <button type="button" class="phone-button" onClick={() => send({ type: 'unlock' })}>
            {words.openUnlocked}
          </button>
        )}
      </div>
    </div>
  );
}

interface AppIconProps {
  name: string;
  /** The class that gives the icon its colour. */
  look: string;
  work?: boolean;
  locked?: boolean;
}

/** An app on the home screen; on an Android work profile, work apps wear the briefcase badge (greyed while locked). */
function AppIcon({ name, look, work = false, locked = false }: AppIconProps) {
  return (
    <div class={`app-icon deco ${look}${locked ? ' locked' : ''}`} aria-hidden="true">
      <span class="icon">{work && <WorkBadge />}</span>
      <span class="name">{name}</span>
    </div>
  );
}

const WorkBadge = () => (
  <span class="app-badge">
    <BriefcaseIcon />
  </span>
);

export function HomeScreen({ device, words, send }: ScreenProps) {
  const { m } = useI18n();
  const work = device.enrollment === 'androidWorkProfile';
  const workLocked = device.state.workProfileLocked === true;
  return (
    <div class="screen home-screen">
      <div class="app-grid">
        {words.apps.map((name, index) =>
          // On a work profile the personal apps open whatever the work profile's state: the trainer can show it.
          work ? (
            <button
              type="button"
              key={name}
              class={`app-icon app-${index}`}
              onClick={() => send({ type: 'openApp', app: 'personal' })}
            >
              <span class="icon" aria-hidden="true" />
              <span class="name">{name}</span>
            </button>
          ) : (
            <AppIcon key={name} name={name} look={`app-${index}`} />
          ),
        )}
        {/* Android's launcher labels a work app by its own name with a badge; TalkBack says "Work Outlook". */}
        <button
          type="button"
          class={`app-icon outlook${workLocked ? ' locked' : ''}`}
          aria-label={work ? m.device.workOutlook : undefined}
          onClick={() => send(work ? { type: 'openApp', app: 'work' } : { type: 'openApp' })}
        >
          {/* The "O" is drawn by CSS, so the button's visible text is only its label (its name may add "Work"). */}
          <span class="icon" aria-hidden="true">
            {work && <WorkBadge />}
          </span>
          <span class="name">{m.device.outlook}</span>
        </button>
        <AppIcon name={words.companyPortal} look="company-portal" work={work} locked={workLocked} />
        <AppIcon name={m.device.teams} look="teams" work={work} locked={workLocked} />
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
  const texts = passcodePromptTexts(m, device.state.passcodeSet);
  return (
    <div class="prompt-backdrop">
      <div class="ios-alert" role="alertdialog" aria-labelledby={`prompt-${device.id}`} aria-modal="false">
        <h3 id={`prompt-${device.id}`}>{m.device.promptTitle}</h3>
        {enforced ? (
          <p>{texts.enforced}</p>
        ) : (
          <p>
            {texts.countdown}{' '}
            <output class="countdown" aria-label={texts.timeLeft}>
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

export function SettingsScreen({ device, platform, words, send }: ScreenProps) {
  const { m } = useI18n();
  const { policy } = device;
  const workProfile = device.enrollment === 'androidWorkProfile';
  // On an Android work profile the passcode here is the work profile's own lock.
  const lockRow = workProfile ? m.device.workProfileLockRow : words.lockRow;
  // Changing a passcode set asks for the current one first, in the words of the lock it confirms.
  const currentLabel = !device.state.passcodeSet
    ? undefined
    : workProfile
      ? workProfileWordsOf(m, device.state.passcodeKind).screenTitles.workProfileChallenge
      : words.currentPasscode;
  return (
    <div class="screen settings-screen">
      <button type="button" class="back" onClick={() => send({ type: 'goHome' })}>
        {m.device.settingsBack}
      </button>
      <h3>{words.settingsTitle}</h3>
      <p class="setting-row">
        {lockRow} <strong>{device.state.passcodeSet ? words.lockOn : words.lockOff}</strong>
      </p>
      {policy?.passcodeRequired && <p class="policy-note">{words.policyNote(policy.minLength)}</p>}
      <PasscodeForm
        label={device.state.passcodeSet ? words.changePasscode : words.newPasscode}
        submitLabel={words.setPasscode}
        numeric={platform !== 'computer'}
        {...(currentLabel === undefined ? {} : { currentLabel })}
        onSubmit={(passcode, currentPasscode) =>
          send(
            currentPasscode === undefined
              ? { type: 'setPasscode', passcode }
              : { type: 'setPasscode', passcode, currentPasscode },
          )
        }
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

/** A personal app on a work profile device, open while the work profile may be locked. */
export function PersonalAppScreen() {
  const { m } = useI18n();
  return (
    <div class="screen app-screen">
      <h3>{m.device.screenTitles.personalApp}</h3>
      <p>{m.device.personalAppText}</p>
    </div>
  );
}

export function WorkProfileScreen({ device, words, send }: ScreenProps) {
  const { m } = useI18n();
  const view = device.state.screen.view;
  // PIN or password by the work profile's current passcode. The new one's kind is unknown until it is typed, so the
  // set-new screen follows the temporary passcode the reset set (digits: a PIN), as the locked screen before it does.
  const work = workProfileWordsOf(m, device.state.passcodeKind);
  return (
    <div class="screen work-screen">
      <div class="work-badge">
        <BriefcaseIcon />
      </div>
      <h3>{work.screenTitles[view]}</h3>
      {view === 'workProfileChallenge' && (
        <>
          <p>{work.workChallengeText}</p>
          <PasscodeForm
            label={work.workPasscode}
            numeric={device.state.passcodeKind !== 'password'}
            submitLabel={m.device.confirm}
            onSubmit={(passcode) => send({ type: 'enterPasscode', passcode })}
          />
        </>
      )}
      {view === 'workProfileLocked' && (
        <>
          <p>{work.workLockedText}</p>
          <PasscodeForm
            label={work.workPasscode}
            numeric={device.state.passcodeKind !== 'password'}
            submitLabel={words.unlock}
            onSubmit={(passcode) => send({ type: 'enterPasscode', passcode })}
          />
        </>
      )}
      {view === 'setNewWorkProfilePasscode' && (
        <>
          <p>{work.workNewText}</p>
          <PasscodeForm
            label={work.newWorkPasscode}
            numeric={device.state.passcodeKind !== 'password'}
            submitLabel={words.setPasscode}
            onSubmit={(passcode) => send({ type: 'setPasscode', passcode })}
          />
        </>
      )}
    </div>
  );
}
