// Whether two JSON values are the same data: what comparing their JSON texts says, without writing the texts.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

/** Like `JSON.stringify(a) === JSON.stringify(b)` for plain JSON data, except that key order does not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, Json | undefined>;
  const right = b as Record<string, Json | undefined>;
  // A key holding undefined is absent in JSON.
  let leftKeys = 0;
  for (const key in left) {
    if (left[key] === undefined) continue;
    leftKeys++;
    if (!sameJson(left[key], right[key])) return false;
  }
  let rightKeys = 0;
  for (const key in right) if (right[key] !== undefined) rightKeys++;
  return leftKeys === rightKeys;
}
