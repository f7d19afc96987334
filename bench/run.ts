// `npm run bench`: runs the benchmark from the command line, showing progress and printing the table.
import { parseArgs } from 'node:util';
import { runBenchmark } from './benchmark.js';
import { markdownReport } from './report.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    devices: { type: 'string' },
    out: { type: 'string' },
    quick: { type: 'boolean' },
    'concurrent-batches': { type: 'string' },
    'timeout-seconds': { type: 'string' },
  },
  strict: true,
});

const devices = Number(values.devices ?? (values.quick ? 50 : 10_000));
const started = performance.now();
const result = await runBenchmark({
  devices,
  outDir: values.out ?? 'bench-results',
  timeoutMs: Number(values['timeout-seconds'] ?? 600) * 1000,
  ...(values['concurrent-batches'] ? { concurrentBatches: Number(values['concurrent-batches']) } : {}),
  log: (line) =>
    process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1).padStart(6)}s ${line}\n`),
}).catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
process.stdout.write(`${markdownReport(result)}\n`);
process.stdout.write(`Written to ${values.out ?? 'bench-results'}/latest.json and latest.md\n`);
process.exit(0);
