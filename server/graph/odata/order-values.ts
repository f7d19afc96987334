// How `$orderby` compares two property values: nulls first, strings by one fixed collation, numbers by value.

/**
 * One collation whatever the process's locale: an `$orderby` cursor taken before a restart places itself the same way
 * after it, under another `LANG` or ICU build too.
 */
const collator = new Intl.Collator('en-US');

/** Ascending order of two values of one property; strings case-insensitively first, then by case. */
export function compareOrderValues(a: unknown, b: unknown): number {
  if ((a ?? null) === (b ?? null)) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'string' && typeof b === 'string') {
    const folded = collator.compare(a.toLowerCase(), b.toLowerCase());
    return folded !== 0 ? folded : collator.compare(a, b);
  }
  return (a as number) < (b as number) ? -1 : 1;
}
