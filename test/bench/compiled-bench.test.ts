// `npm run bench` measures the build, as the container and the package run it: a tiny run from a fresh compile.
import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchmarkResult } from '../../bench/benchmark-result.js';
import { BUILD_INFO_FILE, COMPILED_FOLDERS } from '../../bench/build-stamp.js';
import { checkoutRevision, REPO_ROOT } from '../../bench/child-process.js';

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
      'rm -rf .bench-build && tsc -p tsconfig.build.json --outDir .bench-build --noEmitOnError && node .bench-build/bench/stamp-build.js && node .bench-build/bench/run.js',
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
    await run(process.execPath, [join(build, 'bench', 'stamp-build.js')], { cwd: REPO_ROOT });
    const stamp = JSON.parse(await readFile(join(build, BUILD_INFO_FILE), 'utf8')) as { revision: string };
    expect(stamp.revision).toBe(checkoutRevision());
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
    expect(written.source.revision).toBe(stamp.revision);
    const markdown = await readFile(join(outDir, 'latest.md'), 'utf8');
    expect(markdown).toContain(
      `code ${written.source.revision} (compiled JavaScript, as the container runs it);`,
    );
  }, 400_000);

  it("names the revision the build was compiled from, not the checkout's", async () => {
    expect(build).not.toBe(''); // the build of the test before
    const stampFile = join(build, BUILD_INFO_FILE);
    const stamped = await readFile(stampFile, 'utf8');
    const compiled = (await import(pathToFileURL(join(build, 'bench', 'child-process.js')).href)) as {
      sourceRevision(): string | null;
    };
    const oneFile = join(build, 'lib', 'same-json.js');
    const itsCode = await readFile(oneFile, 'utf8');
    try {
      // A build left from an earlier commit: its own revision, whatever the checkout holds now.
      await writeFile(stampFile, JSON.stringify({ ...JSON.parse(stamped), revision: '0123abc' }));
      expect(compiled.sourceRevision()).toBe('0123abc');
      // Compiled again after its stamp, even one file of it: the stamp no longer says what the build holds.
      await writeFile(oneFile, `${itsCode}// compiled again\n`);
      expect(compiled.sourceRevision()).toBeNull();
      await writeFile(oneFile, itsCode);
      expect(compiled.sourceRevision()).toBe('0123abc');
      // A build without a stamp (compiled by hand, or by an older version): unknown, not the checkout's commit.
      await rm(stampFile);
      expect(compiled.sourceRevision()).toBeNull();
    } finally {
      await writeFile(oneFile, itsCode);
      await writeFile(stampFile, stamped);
    }
  });

  it('stamps a build outside a git checkout with the revision the builder names', async () => {
    expect(build).not.toBe(''); // the build of the test before
    // The stamp's own modules import only Node's: a copy of them in a folder no git repository holds, as in a container.
    const copy = await mkdtemp(join(tmpdir(), 'mdmsim-stamp-'));
    try {
      await mkdir(join(copy, 'bench'));
      for (const file of ['build-stamp.js', 'child-process.js', 'stamp-build.js']) {
        await writeFile(join(copy, 'bench', file), await readFile(join(build, 'bench', file)));
      }
      await writeFile(join(copy, 'package.json'), '{ "type": "module" }\n');
      const stampIn = (env: Record<string, string>) =>
        run(process.execPath, [join(copy, 'bench', 'stamp-build.js')], {
          cwd: copy,
          env: { ...process.env, ...env },
        });
      await stampIn({ MDMSIM_REVISION: 'abc1234' });
      const stamp = JSON.parse(await readFile(join(copy, BUILD_INFO_FILE), 'utf8')) as { revision: unknown };
      expect(stamp.revision).toBe('abc1234');
      await stampIn({ MDMSIM_REVISION: '' });
      expect(JSON.parse(await readFile(join(copy, BUILD_INFO_FILE), 'utf8')).revision).toBeNull();
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('vouches for the folders tsc compiles, as tsconfig.build.json names them', async () => {
    const config = JSON.parse(await readFile(join(REPO_ROOT, 'tsconfig.build.json'), 'utf8')) as {
      include: string[];
    };
    expect([...COMPILED_FOLDERS].sort()).toEqual([...config.include].sort());
  });

  it('takes its children with it when it is stopped by a signal', async () => {
    expect(build).not.toBe(''); // the build of the test before
    const bench = spawn(
      process.execPath,
      [join(build, 'bench', 'run.js'), '--devices', '20', '--store', 'memory', '--out', outDir],
      { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => bench.once('exit', (code) => resolve(code)));
    // Once its devices are connected, a server and an agents process of the build are running.
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      bench.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/\[mdmsim memory\] \d+\/\d+ connected in/.test(seen)) resolve();
      });
      bench.once('exit', () => reject(new Error(`the benchmark exited first:\n${seen}`)));
    });
    expect(processesRunning(build).length).toBeGreaterThanOrEqual(2);
    bench.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(processesRunning(build)).toEqual([]);
  }, 120_000);
});

/** Command lines of the processes running an entry point under `folder`, other than a benchmark itself. */
function processesRunning(folder: string): string[] {
  const lines: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const line = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (line.includes(folder) && !line.includes(join(folder, 'bench', 'run.js'))) lines.push(line);
    } catch {
      // Gone meanwhile.
    }
  }
  return lines;
}
