// Every language has every text: the same keys, list lengths and placeholders as English, and no English left behind.
import { describe, expect, it } from 'vitest';
import { en } from '../../console/src/i18n/en.js';
import { deviceText } from '../../console/src/i18n/i18n.js';
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

/** Lookup tables that are empty in English (it is the language they translate from). */
const TRANSLATION_TABLES = ['device.messages', 'device.patterns', 'platforms'];
const withoutTables = (leaves: string[]) =>
  leaves.filter((leaf) => !TRANSLATION_TABLES.some((table) => leaf.startsWith(table)));

describe('console translations', () => {
  it.each(Object.keys(languages))('%s has every text English has, of the same kind', (code) => {
    const messages = languages[code as keyof typeof languages];
    expect(withoutTables(shape(messages))).toEqual(withoutTables(shape(en)));
  });

  it('Dutch translates every device message and names the action as the seed does', () => {
    const { nl } = languages;
    expect(nl.actionNames['2018-03']).toBe('Wachtwoordcode verwijderen');
    expect(nl.portal.devices).toBe('Apparaten');
    expect(nl.portal.allDevices).toBe('Alle apparaten');
    expect(nl.portal.deviceActions).toBe('Apparaatacties');
    expect(nl.overview.more).toBe('...Meer');
    const english = shape(en).filter((leaf) => leaf.endsWith(' string'));
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
    expect(deviceText(languages.nl, 'The device cannot take "lock" on the screen "Lock screen".')).toBe(
      'Dat kan nu niet op dit scherm (lock).',
    );
  });
});
