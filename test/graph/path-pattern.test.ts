// A fault rule's path pattern matches as a `*`-glob would, case-insensitively, in time linear in the path.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pathPattern } from '../../server/graph/faults/path-pattern.js';
import { REPO } from '../support/v8-flags.js';

/** The glob's meaning, by dynamic programming over both strings: slow and obviously right. */
function reference(glob: string, path: string): boolean {
  const g = glob.toLowerCase();
  const p = path.toLowerCase();
  // matches[i][j]: the first i characters of the glob match the first j of the path.
  const matches = Array.from({ length: g.length + 1 }, () => new Array<boolean>(p.length + 1).fill(false));
  matches[0][0] = true;
  for (let i = 1; i <= g.length; i++) {
    for (let j = 0; j <= p.length; j++) {
      matches[i][j] =
        g[i - 1] === '*'
          ? matches[i - 1][j] || (j > 0 && matches[i][j - 1])
          : j > 0 && matches[i - 1][j - 1] && g[i - 1] === p[j - 1];
    }
  }
  return matches[g.length][p.length];
}

/** A small deterministic PRNG, so a failure repeats. */
function lcg(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

describe('a fault rule path pattern', () => {
  it('matches exactly the paths the glob describes', () => {
    const next = lcg(7);
    const text = (alphabet: string, length: number) =>
      Array.from({ length }, () => alphabet[next(alphabet.length)]).join('');
    for (let round = 0; round < 5_000; round++) {
      const glob = text('aB/*', next(7));
      const path = text('Ab/', next(9));
      expect(pathPattern(glob).test(path), `${glob} on ${path}`).toBe(reference(glob, path));
    }
  });

  it('answers at once on a path it cannot match, however many stars the pattern has', () => {
    // In a child process with a deadline: a regular expression of this pattern would backtrack for longer than any test
    // waits, and would block the test's own thread while it did.
    const script = `import('./server/graph/faults/path-pattern.ts').then(({ pathPattern }) => {
      const glob = '*a'.repeat(240) + '*b';
      console.log(pathPattern(glob).test('/v1.0/' + 'a'.repeat(400)), pathPattern(glob).test('/v1.0/' + 'a'.repeat(400) + 'b'));
    });`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(child.signal).toBeNull();
    expect(child.stdout.trim()).toBe('false true');
  }, 30_000);

  it('keeps its anchors: a pattern without a star is the whole path', () => {
    expect(
      pathPattern('/v1.0/deviceManagement/managedDevices').test('/V1.0/devicemanagement/MANAGEDDEVICES'),
    ).toBe(true);
    expect(
      pathPattern('/v1.0/deviceManagement/managedDevices').test('/v1.0/deviceManagement/managedDevices/1'),
    ).toBe(false);
    expect(pathPattern('*/resetPasscode').test('/v1.0/x/resetPasscode/y')).toBe(false);
    expect(pathPattern('ab*ba').test('aba')).toBe(false);
    expect(pathPattern('ab*ba').test('abba')).toBe(true);
  });
});
