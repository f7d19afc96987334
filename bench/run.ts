// `npm run bench`: runs the benchmark from the command line, showing progress and printing the table.
import { mkdir, writeFile } from 'node:fs/promises';
import { parseCommandLine } from '../lib/command-line.js';
import { roundsProblem, runBenchmark, storesProblem } from './benchmark.js';
import { GROWTH_LIVE_SIZES, GROWTH_TENANT_SIZES, runGrowth } from './growth.js';
import { markdownReport, summaryLine } from './report.js';
import { STORE_KINDS, type StoreKind } from './stores.js';
import { runTenantScale, tenantMarkdown } from './tenant-scale.js';

const { values } = parseCommandLine('npm run bench', {
  devices: { type: 'string' },
  out: { type: 'string' },
  quick: { type: 'boolean' },
  store: { type: 'string' },
  tenant: { type: 'string' },
  live: { type: 'string' },
  growth: { type: 'boolean' },
  'concurrent-batches': { type: 'string' },
  'timeout-seconds': { type: 'string' },
  rounds: { type: 'string' },
});

function storesOf(value: string | undefined): StoreKind[] {
  if (value === undefined) return STORE_KINDS;
  const names = value.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(STORE_KINDS as string[]).includes(name)) {
      process.stderr.write(`--store takes ${STORE_KINDS.join(', ')} (comma-separated); not "${name}".\n`);
      process.exit(2);
    }
  }
  const problem = storesProblem(names);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(2);
  }
  return names as StoreKind[];
}

/** `--rounds N`: every system measured N times in turns (bench/rounds.ts); a bad value ends with exit code 2. */
function roundsOf(value: string | undefined): number {
  if (value === undefined) return 1;
  const rounds = Number(value);
  const problem = roundsProblem(rounds, value);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(2);
  }
  return rounds;
}

const outDir = values.out ?? 'bench-results';
const started = performance.now();
const log = (line: string) =>
  process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1).padStart(6)}s ${line}\n`);
const fail = (error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
};

if (values.rounds !== undefined && (values.growth || values.tenant)) {
  process.stderr.write('--rounds repeats the live benchmark; --growth and --tenant measure once.\n');
  process.exit(2);
}

if (values.growth) {
  // `--growth`: 1,000 / 5,000 / 10,000 / 19,000 live, then tenants of 10,000 / 100,000 enrolled (1% live).
  const growth = await runGrowth({
    live: GROWTH_LIVE_SIZES,
    tenants: GROWTH_TENANT_SIZES,
    stores: storesOf(values.store),
    outDir,
    log,
  }).catch(fail);
  process.stdout.write(`Written to ${outDir}/growth.md and growth.json (${growth.live.length} live sizes)\n`);
  process.exit(0);
}

if (values.tenant) {
  // `--tenant N [--live L]`: N devices enrolled, L of them live (default 1%), listed through Graph page by page.
  const enrolled = Number(values.tenant);
  const live = Number(values.live ?? Math.round(enrolled * 0.01));
  if (!(enrolled >= 1 && live >= 0 && live <= Math.min(enrolled, 10_000))) {
    process.stderr.write(
      '--tenant takes the devices enrolled, --live how many of them stay connected (at most 10,000).\n',
    );
    process.exit(2);
  }
  const tenant = await runTenantScale({ enrolled, live, stores: storesOf(values.store), outDir, log }).catch(
    fail,
  );
  const markdown = tenantMarkdown(tenant);
  await mkdir(outDir, { recursive: true });
  await writeFile(`${outDir}/tenant.json`, `${JSON.stringify(tenant, null, 2)}\n`);
  await writeFile(`${outDir}/tenant.md`, markdown);
  process.stdout.write(`${markdown}\nWritten to ${outDir}/tenant.json and tenant.md\n`);
  process.exit(0);
}

const devices = Number(values.devices ?? (values.quick ? 50 : 10_000));
const rounds = roundsOf(values.rounds);
const result = await runBenchmark({
  devices,
  stores: storesOf(values.store),
  outDir,
  timeoutMs: Number(values['timeout-seconds'] ?? 900 * rounds) * 1000,
  rounds,
  ...(values['concurrent-batches'] ? { concurrentBatches: Number(values['concurrent-batches']) } : {}),
  log,
}).catch(fail);
process.stdout.write(`${markdownReport(result)}\n`);
process.stdout.write(`Written to ${outDir}/latest.json, latest.md and latest.svg\n`);
process.stdout.write(`${summaryLine(result)}\n`);
process.exit(0);
