// `npm run bench` measures the build, as the container and the package run it: a tiny run from a fresh compile.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchmarkResult } from '../../bench/benchmark.js';
import { REPO_ROOT } from '../../bench/child-process.js';

const run = promisify(execFile);
let build = '';
let outDir = '';

afterAll(async () => {
  if (build) await rm(build, { recursive: true, force: true });
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('the benchmark, compiled', () => {
  it('is what npm run bench runs: the build, after compiling it', async () => {
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.bench).toBe(
      'tsc -p tsconfig.build.json --outDir .bench-build --noEmitOnError && node .bench-build/bench/run.js',
    );
  });

  it('runs its children from the build and says so in the report', async () => {
    outDir = await mkdtemp(join(tmpdir(), 'mdmsim-compiled-bench-'));
    // Inside the checkout (git ignores test-results/), so the build's imports find node_modules; its own folder, not
    // the one `npm run bench` uses, which another run may be writing.
    await mkdir(join(REPO_ROOT, 'test-results'), { recursive: true });
    build = await mkdtemp(join(REPO_ROOT, 'test-results', 'bench-build-'));
    const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    await run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', build, '--noEmitOnError'], {
      cwd: REPO_ROOT,
      timeout: 120_000,
    });
    // The benchmark gives up (and stops its children) well before this test's own timeout would kill it alone.
    await run(
      process.execPath,
      [
        join(build, 'bench', 'run.js'),
        ...['--devices', '20', '--store', 'memory', '--out', outDir, '--timeout-seconds', '120'],
      ],
      { cwd: REPO_ROOT, timeout: 240_000 },
    );
    const written = JSON.parse(await readFile(join(outDir, 'latest.json'), 'utf8')) as BenchmarkResult;
    expect(written.source.runtime).toBe('compiled');
    expect(written.mdmsim.connected).toBe(written.devices);
    expect(written.mdmsim.reset.done).toBe(written.supported);
    expect(written.baseline.reset.done).toBe(written.supported);
    const markdown = await readFile(join(outDir, 'latest.md'), 'utf8');
    expect(markdown).toContain(
      `code ${written.source.revision} (compiled JavaScript, as the container runs it);`,
    );
  }, 400_000);
});
