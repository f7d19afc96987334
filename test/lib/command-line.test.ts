// Regression: a wrong flag to a command-line tool is a usage error (one line, exit 2), not a Node stack trace.
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

it.each([
  ['npm run chaos', 'chaos/cli.ts'],
  ['npm run bench', 'bench/run.ts'],
])('%s answers an unknown flag with exit 2 and one line naming it', (tool, entry) => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', entry, '--report', 'out.json'], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(run.status).toBe(2);
  expect(run.stderr.trim()).toBe(`${tool}: Unknown option '--report'`);
});
