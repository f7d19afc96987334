// Every language has every text: the same keys, list lengths and placeholders as English, and no English left behind.
import { describe, expect, it } from 'vitest';
import { en } from '../../console/src/i18n/en.js';
import {
  actionNameOf,
  actionNameWithoutDevice,
  deviceText,
  passcodePromptTexts,
  wordsOf,
  workProfileWordsOf,
} from '../../console/src/i18n/i18n.js';
import { languages } from '../../console/src/i18n/messages.js';

/** Paths of every leaf, with its kind: a string, a function of n arguments, a list of n, or a pattern. */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path} fn/${value.length}`];
  if (value instanceof RegExp) return [`${path} pattern`];
  if (Array.isArray(value)) return value.flatMap((item, index) => shape(item, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => shape(item, path ? `${path}.${key}` : key));
  }
  return [`${path} ${typeof value}`];
}

/** Lookup tables of the agents' and server's English texts: each language has the entries it needs. */
const TRANSLATION_TABLES = [
  /^device\.messages/,
  /^device\.patterns/,
  /^device\.byPlatform\.\w+\.(messages|patterns)/,
  /^device\.androidPassword\.(messages|patterns)/,
  /^platforms/,
];
const withoutTables = (leaves: string[]) =>
  leaves.filter((leaf) => !TRANSLATION_TABLES.some((table) => table.test(leaf)));

/** Every string a value holds, function results included (called with a sample argument). */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') return [String(value('6', '6'))];
  if (value instanceof RegExp) return [];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (value && typeof value === 'object') return Object.values(value).flatMap(texts);
  return [];
}

describe('console translations', () => {
  it.each(Object.keys(languages))('%s has every text English has, of the same kind', (code) => {
    const messages = languages[code as keyof typeof languages];
    expect(withoutTables(shape(messages))).toEqual(withoutTables(shape(en)));
  });

  it('Dutch translates every device message and names the action as the seed does', () => {
    const { nl } = languages;
    expect(nl.actionNames['Remove passcode']).toBe('Wachtwoordcode verwijderen');
    expect(nl.actionNames['Reset passcode']).toBe('Wachtwoordcode opnieuw instellen');
    expect(nl.portal.devices).toBe('Apparaten');
    expect(nl.portal.allDevices).toBe('Alle apparaten');
    expect(nl.portal.deviceActions).toBe('Apparaatacties');
    expect(nl.overview.more).toBe('...Meer');
    const english = withoutTables(shape(en)).filter((leaf) => leaf.endsWith(' string'));
    const same = english.filter((leaf) => {
      const path = leaf.replace(/ string$/, '');
      const read = (root: unknown) =>
        path
          .split(/\.|\[|\]/)
          .filter(Boolean)
          .reduce((node: unknown, key) => (node as Record<string, unknown>)?.[key], root);
      return read(en) === read(nl);
    });
    // Only names and symbols stay the same in Dutch.
    expect(same.map((leaf) => leaf.replace(/ string$/, ''))).toEqual(expect.arrayContaining(['header.live']));
    expect(same.length).toBeLessThan(25);
  });

  it("Dutch translates the device's refusal of an input on the current screen", () => {
    expect(
      deviceText(languages.nl, 'The device cannot take "lock" on the screen "Lock screen".', 'android'),
    ).toBe('Dat kan nu niet op dit scherm (lock).');
  });

  it("shows the agents' texts in the words of the device's own platform", () => {
    const { en, nl } = languages;
    const wrong = 'Wrong passcode. Try again.';
    expect(deviceText(en, wrong, 'ios')).toBe(wrong);
    expect(deviceText(en, wrong, 'android')).toBe('Wrong PIN');
    expect(deviceText(nl, wrong, 'ios')).toBe('Onjuiste toegangscode. Probeer het opnieuw.');
    expect(deviceText(nl, wrong, 'android')).toBe('Onjuiste pincode');
    expect(deviceText(nl, 'The passcode must be at least 6 characters long.', 'android')).toBe(
      'Pincode moet ten minste 6 cijfers zijn',
    );
    expect(deviceText(nl, 'Too many incorrect attempts. Try again in 30 seconds.', 'android')).toBe(
      'Te veel onjuiste pogingen. Probeer het over 30 seconden opnieuw.',
    );
    expect(deviceText(nl, 'iPad Unavailable. Try again in 1 minute.', 'ios')).toBe(
      'iPad niet beschikbaar. Probeer het over 1 minuut opnieuw.',
    );
    // A text no table knows is shown as the device said it.
    expect(deviceText(nl, 'Something new.', 'android')).toBe('Something new.');
  });

  it("translates a Mac's, a Windows PC's and an older iPhone's lockout, not as Android's", () => {
    const { en, nl } = languages;
    const mac = 'Too many failed password attempts. Try again in 5 minutes.';
    const windows = 'The referenced account is currently locked out and may not be logged on to.';
    // English: the agents' words are already a computer's.
    expect(deviceText(en, mac, 'computer')).toBe(mac);
    expect(deviceText(en, windows, 'computer')).toBe(windows);
    expect(deviceText(nl, mac, 'computer')).toBe(
      'Te veel mislukte wachtwoordpogingen. Probeer het over 5 minuten opnieuw.',
    );
    expect(deviceText(nl, 'Too many failed password attempts. Try again in 1 minute.', 'computer')).toBe(
      'Te veel mislukte wachtwoordpogingen. Probeer het over 1 minuut opnieuw.',
    );
    expect(deviceText(nl, windows, 'computer')).toBe(
      'Het account waarnaar wordt verwezen, is momenteel geblokkeerd en kan niet worden gebruikt om je aan te melden.',
    );
    expect(deviceText(nl, 'iPhone is disabled. Try again in 1 minute.', 'ios')).toBe(
      'iPhone is uitgeschakeld. Probeer het over 1 minuut opnieuw.',
    );
    expect(deviceText(nl, 'iPad is disabled. Try again in 15 minutes.', 'ios')).toBe(
      'iPad is uitgeschakeld. Probeer het over 15 minuten opnieuw.',
    );
    expect(
      deviceText(nl, 'A passcode change is required: change it in Settings before opening apps.', 'ios'),
    ).toBe('Je toegangscode moet worden gewijzigd: wijzig hem bij Instellingen voordat je apps opent.');
  });

  it('asks a device with a passcode to change it and one without to set one, in both languages', () => {
    for (const [language, change, set] of [
      ['en', /change/i, /\bset\b/i],
      ['nl', /wijzig/i, /in(?: te )?stellen/i],
    ] as const) {
      const m = languages[language];
      const withPasscode = passcodePromptTexts(m, true);
      const without = passcodePromptTexts(m, false);
      for (const text of [withPasscode.countdown, withPasscode.enforced, withPasscode.timeLeft]) {
        expect(text, language).toMatch(change);
        expect(text, language).not.toMatch(set);
      }
      for (const text of [without.countdown, without.enforced, without.timeLeft]) {
        expect(text, language).toMatch(set);
        expect(text, language).not.toMatch(change);
      }
    }
    expect(passcodePromptTexts(languages.en, true).enforced).toBe(
      'You must change your unlock passcode at this time. Apps will not open until you do.',
    );
  });

  it("keeps iOS's word off every Android text: PIN in English, pincode in Dutch", () => {
    for (const [language, iosWord, androidWord] of [
      ['en', /passcode/i, /PIN/],
      ['nl', /toegangscode/i, /pincode/i],
    ] as const) {
      const m = languages[language];
      const android = [
        ...texts(m.device.byPlatform.android),
        ...texts(Object.values(m.device.byPlatform.android.messages)),
        ...texts(m.device.androidPassword),
        ...texts(Object.values(m.device.androidPassword.messages)),
        m.device.screenTitles.workProfileChallenge,
        m.device.screenTitles.setNewWorkProfilePasscode,
        m.device.workChallengeText,
        m.device.workLockedText,
        m.device.workNewText,
        m.device.workPasscode,
        m.device.newWorkPasscode,
        m.device.workProfilePasscodeSet,
        m.device.workProfilePasscodeNone,
        m.tour.acts.setPin('246810'),
        String(m.tour.captions.androidWorkProfile[1]),
        String(m.tour.captions.androidWorkProfile[5]),
      ];
      expect(
        android.filter((text) => iosWord.test(text)),
        language,
      ).toEqual([]);
      expect(m.device.byPlatform.android.enterPasscode, language).toMatch(androidWord);
    }
  });

  it("says password, not PIN, on an Android whose passcode is not all digits, in AOSP's words", () => {
    const { en, nl } = languages;
    const wrong = 'Wrong passcode. Try again.';
    expect(deviceText(en, wrong, 'android', 'password')).toBe('Wrong password');
    expect(deviceText(nl, wrong, 'android', 'password')).toBe('Onjuist wachtwoord');
    expect(wordsOf(en, 'android', 'password').enterPasscode).toBe('Enter your password');
    expect(wordsOf(nl, 'android', 'password').enterPasscode).toBe('Geef je wachtwoord op');
    expect(deviceText(nl, 'The passcode must be at least 6 characters long.', 'android', 'password')).toBe(
      'Moet ten minste 6 tekens bevatten',
    );
    // The PIN's tables still answer what the password's do not.
    expect(
      deviceText(nl, 'Too many incorrect attempts. Try again in 30 seconds.', 'android', 'password'),
    ).toBe('Te veel onjuiste pogingen. Probeer het over 30 seconden opnieuw.');
    expect(wordsOf(nl, 'android', 'password').apps).toEqual(nl.device.byPlatform.android.apps);
    // A PIN, no passcode, or a device that does not say (an older agent) keeps the PIN's words.
    for (const kind of ['pin', null, undefined] as const) {
      expect(deviceText(en, wrong, 'android', kind)).toBe('Wrong PIN');
      expect(wordsOf(nl, 'android', kind).enterPasscode).toBe('Geef je pincode op');
    }
    // iOS says passcode whatever the kind; a computer always says password.
    expect(deviceText(en, wrong, 'ios', 'password')).toBe(wrong);
    expect(wordsOf(nl, 'ios', 'password')).toBe(nl.device.byPlatform.ios);
    expect(wordsOf(en, 'computer', 'pin')).toBe(en.device.byPlatform.computer);
  });

  it("says work password, not work PIN, on a work profile whose passcode is not all digits, in AOSP's words", () => {
    const { en, nl } = languages;
    const enPassword = workProfileWordsOf(en, 'password');
    const nlPassword = workProfileWordsOf(nl, 'password');
    expect(enPassword.screenTitles.workProfileChallenge).toBe('Confirm your work password');
    expect(enPassword.workChallengeText).toBe('Enter your work password to continue');
    expect(enPassword.workProfilePasscodeSet).toBe('Work password set');
    expect(nlPassword.screenTitles.workProfileChallenge).toBe('Bevestig het wachtwoord van je werkprofiel');
    expect(nlPassword.workChallengeText).toBe('Geef het wachtwoord van je werkprofiel op om door te gaan');
    expect(nlPassword.workProfilePasscodeSet).toBe('Wachtwoord werkprofiel ingesteld');
    // The other screens keep their titles; no passcode has no kind, so its fact keeps the work PIN's words.
    expect(enPassword.screenTitles.home).toBe(en.device.screenTitles.home);
    expect(nlPassword.workProfilePasscodeNone).toBe(nl.device.workProfilePasscodeNone);
    // The agents' texts on a work profile: AOSP's password toasts.
    expect(deviceText(en, 'Work profile passcode set.', 'android', 'password')).toBe('Password has been set');
    expect(deviceText(nl, 'Work profile passcode set.', 'android', 'password')).toBe(
      'Wachtwoord is ingesteld',
    );
    // A PIN, no passcode, or a device that does not say (an older agent) keeps the work PIN's words.
    for (const kind of ['pin', null, undefined] as const) {
      expect(workProfileWordsOf(en, kind).screenTitles.workProfileChallenge).toBe('Confirm your work PIN');
      expect(workProfileWordsOf(en, kind).workPasscode).toBe('Work PIN');
      expect(workProfileWordsOf(nl, kind).screenTitles.workProfileChallenge).toBe(
        'Bevestig de pincode van je werkprofiel',
      );
      expect(workProfileWordsOf(nl, kind).workPasscode).toBe('Pincode werkprofiel');
      expect(deviceText(nl, 'Work profile passcode set.', 'android', kind)).toBe('Pincode is ingesteld');
    }
  });

  it('has a work password text for every work PIN text of the work profile screens, in both languages', () => {
    for (const [language, pinWord, passwordWord] of [
      ['en', /PIN/, /password/i],
      ['nl', /pincode/i, /wachtwoord/i],
    ] as const) {
      const pin = workProfileWordsOf(languages[language], 'pin');
      const password = workProfileWordsOf(languages[language], 'password');
      const read = (words: typeof pin) => [
        words.screenTitles.workProfileChallenge,
        words.screenTitles.setNewWorkProfilePasscode,
        words.workProfilePasscodeSet,
        words.workChallengeText,
        words.workLockedText,
        words.workNewText,
        words.workPasscode,
        words.newWorkPasscode,
      ];
      for (const text of read(pin)) expect(text, language).toMatch(pinWord);
      for (const text of read(password)) {
        expect(text, language).toMatch(passwordWord);
        expect(text, language).not.toMatch(pinWord);
      }
    }
  });

  it('names the action as the server sends it for the device, translated, and an unknown name as sent', () => {
    const device = (actionName: string) =>
      ({ removePasscode: { actionName } }) as Parameters<typeof actionNameOf>[1];
    expect(actionNameOf(languages.nl, device('Reset passcode'))).toBe('Wachtwoordcode opnieuw instellen');
    expect(actionNameOf(languages.nl, device('Remove passcode'))).toBe('Wachtwoordcode verwijderen');
    expect(actionNameOf(languages.en, device('Reset passcode'))).toBe('Reset passcode');
    expect(actionNameOf(languages.nl, device('Wipe'))).toBe('Wipe');
  });

  it("names the action without a device by the edition: the seed's Remove passcode, else Graph's Reset passcode", () => {
    expect(actionNameWithoutDevice(languages.nl, '2018-03')).toBe('Wachtwoordcode verwijderen');
    expect(actionNameWithoutDevice(languages.nl, 'current')).toBe('Wachtwoordcode opnieuw instellen');
    expect(actionNameWithoutDevice(languages.en, 'current')).toBe('Reset passcode');
  });

  it("says the reset token's failure (2001) in the portal's words with the device's own action, per edition", () => {
    // The portal: "Initiating Reset passcode failed" (../shared/REFERENCE.md, section 4); the seed's edition calls the
    // action Remove passcode, so its devices' failure says that name.
    for (const edition of ['2018-03', 'current'] as const) {
      const english = actionNameWithoutDevice(languages.en, edition);
      const dutch = actionNameWithoutDevice(languages.nl, edition);
      expect(languages.en.failure.byCode[2001]?.text(english)).toBe(
        `Initiating ${english} failed: the passcode reset token is not activated on the device.`,
      );
      expect(languages.nl.failure.byCode[2001]?.text(dutch)).toBe(
        `Het starten van ${dutch} is mislukt: het token voor het opnieuw instellen van de wachtwoordcode is niet geactiveerd op het apparaat.`,
      );
    }
    expect(languages.en.failure.byCode[2001]?.text('Remove passcode')).toMatch(
      /^Initiating Remove passcode failed/,
    );
    expect(languages.en.failure.byCode[2001]?.text('Reset passcode')).toMatch(
      /^Initiating Reset passcode failed/,
    );
  });
});
