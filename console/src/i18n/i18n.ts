// The console's language: chosen from the browser (or the header's switch), with the texts and formats that go with it.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Platform } from '../phone/platform.js';
import type { PasscodeKind, SimDevice } from '../types.js';
import { en, type Messages } from './en.js';
import { type Language, languages } from './messages.js';

export { type Language, languages };

const KEY = 'mdmsim.language';

/** The trainer's last choice, else the first of the browser's languages the console speaks, else English. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(KEY);
  if (saved === 'en' || saved === 'nl') return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'nl' || base === 'en') return base;
  }
  return 'en';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(KEY, language);
  document.documentElement.lang = language;
}

export interface I18n {
  language: Language;
  m: Messages;
  setLanguage(language: Language): void;
}

export const I18nContext = createContext<I18n>({ language: 'en', m: en, setLanguage: () => {} });
export const useI18n = () => useContext(I18nContext);

/** The words one device's screens use for its lock and apps. */
export type DeviceWords = Messages['device']['byPlatform'][Platform];

/**
 * The words a device's own screens use: its platform's; on Android with a password lock (not all digits), AOSP's
 * password words over the PIN ones, its tables looked up first.
 */
export function wordsOf(m: Messages, platform: Platform, passcodeKind?: PasscodeKind | null): DeviceWords {
  const words = m.device.byPlatform[platform];
  if (platform !== 'android' || passcodeKind !== 'password') return words;
  const password = m.device.androidPassword;
  return {
    ...words,
    ...password,
    messages: { ...words.messages, ...password.messages },
    patterns: [...password.patterns, ...words.patterns],
  };
}

/** What a work profile's own screens and facts call its lock. */
export type WorkProfileWords = Pick<
  Messages['device'],
  | 'screenTitles'
  | 'workProfilePasscodeSet'
  | 'workProfilePasscodeNone'
  | 'workChallengeText'
  | 'workLockedText'
  | 'workNewText'
  | 'workPasscode'
  | 'newWorkPasscode'
>;

/**
 * The words an Android work profile's own screens and facts use: its work PIN's; with a password lock (not all
 * digits), AOSP's work password words over them, as `wordsOf` does for the device's own lock.
 */
export function workProfileWordsOf(m: Messages, passcodeKind?: PasscodeKind | null): WorkProfileWords {
  if (passcodeKind !== 'password') return m.device;
  const password = m.device.workProfilePassword;
  return {
    ...m.device,
    ...password,
    screenTitles: { ...m.device.screenTitles, ...password.screenTitles },
  };
}

/**
 * A text the device agents produced (English, in iOS's words), as the device's own platform says it in the
 * console's language, when the language file knows it: the platform's table first (for an Android password lock,
 * its password words), then the shared one.
 */
export function deviceText(
  m: Messages,
  text: string,
  platform: Platform,
  passcodeKind?: PasscodeKind | null,
): string {
  const words = wordsOf(m, platform, passcodeKind);
  const known = words.messages[text] ?? m.device.messages[text];
  if (known) return known;
  for (const [pattern, render] of [...words.patterns, ...m.device.patterns]) {
    const match = pattern.exec(text);
    if (match) return render(...match.slice(1));
  }
  return text;
}

/**
 * The Passcode Requirement alert's texts for a device: a change of the passcode it has (one the policy no longer
 * accepts), or a passcode where it has none.
 */
export function passcodePromptTexts(
  m: Messages,
  passcodeSet: boolean,
): { countdown: string; enforced: string; timeLeft: string } {
  return passcodeSet
    ? {
        countdown: m.device.promptCountdown,
        enforced: m.device.promptEnforcedChange,
        timeLeft: m.device.timeLeftChange,
      }
    : {
        countdown: m.device.promptCountdownSet,
        enforced: m.device.promptEnforced,
        timeLeft: m.device.timeLeft,
      };
}

/** The portal's name for the action on a device, as the server names it for the device's platform, translated. */
export function actionNameOf(m: Messages, device: SimDevice): string {
  const sent = device.removePasscode.actionName;
  return m.actionNames[sent] ?? sent;
}

/**
 * The action's name where no device says it (the devices not loaded yet, an audit of a device gone): the seed's
 * "Remove passcode", or in the current edition Graph's own name for it, "Reset passcode".
 */
export function actionNameWithoutDevice(m: Messages, edition: string): string {
  const english = edition === 'current' ? 'Reset passcode' : 'Remove passcode';
  return m.actionNames[english] ?? english;
}

/** The server's "X is not supported on <platform>." in the console's language. */
export function supportReason(m: Messages, actionName: string, reason: string): string {
  const match = /is not supported on (.+)\.$/.exec(reason);
  if (!match?.[1]) return reason;
  return m.notSupportedOn(actionName, m.platforms[match[1]] ?? match[1]);
}
