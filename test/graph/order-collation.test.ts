// `$orderby` sorts strings the same way whatever the server process's locale, so a cursor outlives a restart under
// another LANG. Each case runs in a fresh Node process: ICU takes its default locale from the environment at start.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/v8-flags.js';

/** Names whose order differs between English and Swedish (Swedish sorts Ä after Z) and between cases. */
const NAMES = ['Zeta', 'ärla', 'Anna', 'Ärla', 'Örjan', 'anna', 'Otto'];

/** `NAMES` sorted, in a Node process started with `LC_ALL=locale`, by the comparison `compare` names. */
function sortedUnder(locale: string, compare: string): string[] {
  const script = `import('./server/graph/odata/order-values.ts').then(({ compareOrderValues }) => {
    console.log(JSON.stringify(${JSON.stringify(NAMES)}.sort(${compare})));
  });`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: locale, LANG: locale },
  });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as string[];
}

describe("$orderby's string collation", () => {
  it('is en-US, case-insensitive first, in a process whose locale is Swedish', () => {
    // Had the process's default collation been used, Swedish would have put Ä and Ö after Z.
    expect(sortedUnder('sv_SE.UTF-8', 'new Intl.Collator().compare')).toEqual([
      'anna',
      'Anna',
      'Otto',
      'Zeta',
      'ärla',
      'Ärla',
      'Örjan',
    ]);
    const expected = ['anna', 'Anna', 'ärla', 'Ärla', 'Örjan', 'Otto', 'Zeta'];
    expect(sortedUnder('sv_SE.UTF-8', 'compareOrderValues')).toEqual(expected);
    expect(sortedUnder('C.UTF-8', 'compareOrderValues')).toEqual(expected);
  });
});
