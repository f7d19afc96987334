// The languages the console speaks, each a complete set of texts (checked by test/console/i18n.test.ts).
import { en, type Messages } from './en.js';
import { nl } from './nl.js';

export const languages = { en, nl } satisfies Record<string, Messages>;
export type Language = keyof typeof languages;
