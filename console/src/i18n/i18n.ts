// The console's language: chosen from the browser (or the header's switch), with the texts and formats that go with it.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
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

/** A text the device agents produced (English), in the console's language when it knows it. */
export function deviceText(m: Messages, text: string): string {
  const known = m.device.messages[text];
  if (known) return known;
  for (const [pattern, render] of m.device.patterns) {
    const match = pattern.exec(text);
    if (match) return render(...match.slice(1));
  }
  return text;
}

/** The server's "X is not supported on <platform>." in the console's language. */
export function supportReason(m: Messages, actionName: string, reason: string): string {
  const match = /is not supported on (.+)\.$/.exec(reason);
  if (!match?.[1]) return reason;
  return m.notSupportedOn(actionName, m.platforms[match[1]] ?? match[1]);
}
