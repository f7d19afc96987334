// `npm run scenario -- <files or folders>` / `mdmsim`: validate every file, run, report, and exit 0, 1 or 2.
import { realpathSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { jsonReport } from './json-report.js';
import { junitReport } from './junit-report.js';
import { ProgressLine } from './progress-line.js';
import type { RemoteServerOptions } from './run-scenario.js';
import { runScenarios } from './run-scenarios.js';
import { findScenarioFiles, loadScenarioFiles, ScenarioFileError } from './scenario-file.js';
import { describeFailure, summaryLine } from './text-report.js';

const USAGE = `Usage: mdmsim scenario [options] <scenario files or folders...>

Runs scenario files (YAML). By default each scenario gets its own server and devices, in-process.

Options:
  --server <url>            drive this server instead (e.g. docker-compose); the runner still runs the devices
  --admin-token <token>     Graph bearer token for --server (or MDMSIM_ADMIN_TOKEN)
  --enrollment-token <tok>  device enrollment token for --server (or MDMSIM_ENROLLMENT_TOKEN)
  --restart-command <cmd>   with --server: shell command that restarts it (e.g. "docker compose restart server");
                            without it, restartServer steps are SKIPPED and their scenarios reported incomplete
  --concurrency <n>         scenarios at once (default 4; with --server, clock-moving ones run alone)
  --seed <seed>             fleet names and identities derive from it (default 1)
  --step-timeout <ms>       real ms a step may wait for events (default 5000)
  --allow-incomplete        exit 0 even if steps were skipped (restartServer against --server)
  --junit <file>            write a JUnit XML report
  --json <file>             write a JSON report
  -h, --help                show this

Exit status: 0 all passed, 1 some failed (or were incomplete), 2 invalid files or usage.`;

export async function main(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) {
    process.stderr.write(`Give at least one scenario file or folder.\n\n${USAGE}\n`);
    return 2;
  }
  const concurrency = Number(values.concurrency ?? 4);
  const stepTimeoutMs = Number(values['step-timeout'] ?? 5_000);
  if (
    !Number.isInteger(concurrency) ||
    concurrency < 1 ||
    !Number.isInteger(stepTimeoutMs) ||
    stepTimeoutMs < 1
  ) {
    process.stderr.write('--concurrency and --step-timeout take positive whole numbers.\n');
    return 2;
  }
  let server: RemoteServerOptions | undefined;
  if (values.server) {
    const adminToken = values['admin-token'] ?? process.env.MDMSIM_ADMIN_TOKEN;
    const enrollmentToken = values['enrollment-token'] ?? process.env.MDMSIM_ENROLLMENT_TOKEN;
    if (!adminToken || !enrollmentToken) {
      process.stderr.write(
        '--server needs --admin-token and --enrollment-token (or MDMSIM_ADMIN_TOKEN and MDMSIM_ENROLLMENT_TOKEN).\n',
      );
      return 2;
    }
    server = {
      url: values.server,
      adminToken,
      enrollmentToken,
      ...(values['restart-command'] ? { restartCommand: values['restart-command'] } : {}),
    };
  }

  let scenarios: Awaited<ReturnType<typeof loadScenarioFiles>>;
  try {
    scenarios = await loadScenarioFiles(await findScenarioFiles(positionals));
  } catch (error) {
    if (!(error instanceof ScenarioFileError)) throw error;
    process.stderr.write(`Invalid scenario file(s); nothing was run:\n${error.message}\n`);
    return 2;
  }
  if (scenarios.length === 0) {
    process.stderr.write('No scenario files (*.yaml, *.yml) found.\n');
    return 2;
  }

  const seed = values.seed ?? '1';
  const started = performance.now();
  const progress = new ProgressLine(process.stdout, scenarios.length);
  const results = await runScenarios(scenarios, {
    concurrency,
    seed,
    stepTimeoutMs,
    ...(server ? { server } : {}),
    onStep: (loaded, index, label) => progress.step(loaded, index, label),
    onResult: (result) => progress.done(result),
  });
  progress.end();
  const troubled = results.filter((result) => result.status !== 'passed');
  if (troubled.length > 0) process.stdout.write('\n');
  for (const result of troubled) process.stdout.write(`${describeFailure(result)}\n\n`);
  process.stdout.write(`${summaryLine(results, performance.now() - started)}\n`);
  if (values.junit) await writeFile(values.junit, junitReport(results));
  if (values.json) await writeFile(values.json, jsonReport(results, seed));
  const failed = results.some(
    (result) => result.status === 'failed' || (result.status === 'incomplete' && !values['allow-incomplete']),
  );
  return failed ? 1 : 0;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      server: { type: 'string' },
      'admin-token': { type: 'string' },
      'enrollment-token': { type: 'string' },
      'restart-command': { type: 'string' },
      concurrency: { type: 'string' },
      seed: { type: 'string' },
      'step-timeout': { type: 'string' },
      'allow-incomplete': { type: 'boolean' },
      junit: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

const entry = process.argv[1];
const isEntry = entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href;
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
