// A fault rule's path pattern (`*` is any run of characters, case-insensitive), matched in time linear in the path's
// length times the pattern's: a regular expression of the pattern backtracks exponentially on a path it cannot match
// (`*a*a*a*…*b`), and a rule is tested against every Graph call.

/** A fault rule's path pattern, ready to test paths against. */
export interface PathPattern {
  test(path: string): boolean;
}

export function pathPattern(glob: string): PathPattern {
  const parts = glob.toLowerCase().split('*');
  const first = parts[0] ?? '';
  if (parts.length === 1) return { test: (path) => path.toLowerCase() === first };
  const last = parts[parts.length - 1] ?? '';
  const middle = parts.slice(1, -1).filter((part) => part !== '');
  return {
    test(path) {
      const text = path.toLowerCase();
      if (text.length < first.length + last.length) return false;
      if (!text.startsWith(first) || !text.endsWith(last)) return false;
      // Each middle part at its first place after the previous one: the leftmost match leaves the most room for the
      // rest, so a greedy scan finds a match whenever one exists, without backtracking.
      let from = first.length;
      const end = text.length - last.length;
      for (const part of middle) {
        const at = text.indexOf(part, from);
        if (at < 0 || at + part.length > end) return false;
        from = at + part.length;
      }
      return true;
    },
  };
}
