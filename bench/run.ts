// `npm run bench`: runs the benchmark from the command line, showing progress and printing the table.
import { parseArgs } from 'node:util';
import { runBenchmark, STORE_KINDS, type StoreKind, summaryLine } from './benchmark.js';
import { markdownReport } from './report.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    devices: { type: 'string' },
    out: { type: 'string' },
    quick: { type: 'boolean' },
    store: { type: 'string' },
    'concurrent-batches': { type: 'string' },
    'timeout-seconds': { type: 'string' },
  },
  strict: true,
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
  return names as StoreKind[];
}

const devices = Number(values.devices ?? (values.quick ? 50 : 10_000));
const outDir = values.out ?? 'bench-results';
const started = performance.now();
const result = await runBenchmark({
  devices,
  stores: storesOf(values.store),
  outDir,
  timeoutMs: Number(values['timeout-seconds'] ?? 900) * 1000,
  ...(values['concurrent-batches'] ? { concurrentBatches: Number(values['concurrent-batches']) } : {}),
  log: (line) =>
    process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1).padStart(6)}s ${line}\n`),
}).catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
process.stdout.write(`${markdownReport(result)}\n`);
process.stdout.write(`Written to ${outDir}/latest.json, latest.md and latest.svg\n`);
process.stdout.write(`${summaryLine(result)}\n`);
process.exit(0);
