// "Does this value have these fields?": the comparison every expectation in a scenario uses.
export interface Mismatch {
  path: string;
  expected: unknown;
  actual: unknown;
}

/** Objects match when every expected key matches; arrays by length and element; everything else by equality. */
export function partialMismatches(expected: unknown, actual: unknown, path = ''): Mismatch[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [{ path, expected, actual }];
    return expected.flatMap((item, index) => partialMismatches(item, actual[index], `${path}[${index}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return [{ path, expected, actual }];
    return Object.entries(expected).flatMap(([key, value]) =>
      partialMismatches(value, (actual as Record<string, unknown>)[key], path ? `${path}.${key}` : key),
    );
  }
  return Object.is(expected, actual) ? [] : [{ path, expected, actual }];
}

export const describeMismatch = ({ path, expected, actual }: Mismatch) =>
  `${path || '(value)'}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
