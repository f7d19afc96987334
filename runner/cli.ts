// `mdmsim scenario <files or folders>` / `npm run scenario --`: find and validate every file, run, report, exit 0-3.
import { realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { githubAnnotations } from './github-report.js';
import { jsonReport } from './json-report.js';
import { junitInvalidFilesReport, junitReport } from './junit-report.js';
import { ProgressLine } from './progress-line.js';
import { type RemoteServerOptions, runNamespace } from './run-scenario.js';
import { runScenarios } from './run-scenarios.js';
import {
  findScenarioFiles,
  formatProblem,
  type LoadedScenario,
  loadScenarioFiles,
  ScenarioFileError,
} from './scenario-file.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './sim-client.js';
import { describeFailure, sharedServerNotes, summaryLine } from './text-report.js';

const USAGE = `Usage: mdmsim scenario [options] <scenario files or folders...>

Runs scenario files (*.yaml, *.yml, *.json; folders are searched recursively). By default each scenario gets its own
server and devices, in-process.

Selecting:
  --grep <regex>            run only scenarios whose name (or file) matches
  --list                    list the scenarios (file:line  name) and exit without running
  --bail                    start no more scenarios after the first failure

Reporting (stdout shows the text reporter unless --reporter says otherwise):
  --reporter <name>         text, github (GitHub Actions annotations on the failing step's line), json or junit;
                            repeat it for several
  --junit <file>            also write a JUnit XML report (testcase file and line point at the failing step)
  --json <file>             also write a JSON report (format version in "version")

A shared server:
  --server <url>            drive this server instead (e.g. docker-compose); the runner still runs the devices,
                            in a fleet namespace of its own, and removes them after each scenario
  --admin-token <token>     Graph bearer token for --server (or MDMSIM_ADMIN_TOKEN)
  --sim-token <token>       simulator API token for --server (or MDMSIM_SIM_TOKEN)
  --enrollment-token <tok>  device enrollment token for --server (or MDMSIM_ENROLLMENT_TOKEN)
  --allow-clock             let scenarios move the server's simulated clock (every move is reported);
                            without it, steps that would are SKIPPED and their scenarios reported incomplete
  --fleet-namespace <name>  prefix of this run's fleet names (default: mdmsim-run-<random>)
  --keep-devices            leave this run's devices on the server
  --restart-command <cmd>   shell command that restarts the server (e.g. "docker compose restart server");
                            without it, restartServer steps are SKIPPED and their scenarios reported incomplete

Running:
  --concurrency <n>         scenarios at once (default 4; with --server, clock-moving ones run alone)
  --seed <seed>             fleet names and identities derive from it (default 1)
  --step-timeout <ms>       real ms a step may wait for events (default 5000); an expectation that can no
                            longer be met fails at once
  --request-timeout <ms>    real ms the server may take to answer one request, or the devices to connect
                            (default 30000); past it the server counts as unavailable
  --allow-incomplete        exit 0 even if steps were skipped
  -h, --help                show this

Report files are written (their folders made as needed) once the options are understood: invalid files, or no
scenario found, make reports that say so instead of leaving a previous run's.

Exit status: 0 all passed, 1 some failed (or were incomplete), 2 invalid files or usage, 3 the server could not be
reached or used (refused, silent past --request-timeout, untrusted TLS, the simulator or enrollment token refused,
a server older than the runner): nothing failed, but not everything was tested; against --server the run then
stops. A wrong --admin-token is a failure of the first Graph step (401), as Graph answers it.`;

const REPORTERS = ['text', 'github', 'json', 'junit'] as const;
type Reporter = (typeof REPORTERS)[number];

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
  const requestTimeoutMs = Number(values['request-timeout'] ?? DEFAULT_REQUEST_TIMEOUT_MS);
  if (![concurrency, stepTimeoutMs, requestTimeoutMs].every((n) => Number.isInteger(n) && n >= 1)) {
    process.stderr.write(
      '--concurrency, --step-timeout and --request-timeout take positive whole numbers.\n',
    );
    return 2;
  }
  const reporters = (values.reporter ?? ['text']) as string[];
  const unknown = reporters.filter((name) => !(REPORTERS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown reporter ${unknown.join(', ')}: use ${REPORTERS.join(', ')}.\n`);
    return 2;
  }
  let grep: RegExp | undefined;
  try {
    grep = values.grep === undefined ? undefined : new RegExp(values.grep);
  } catch (error) {
    process.stderr.write(`--grep: ${(error as Error).message}\n`);
    return 2;
  }
  let server: RemoteServerOptions | undefined;
  if (values.server) {
    const adminToken = values['admin-token'] ?? process.env.MDMSIM_ADMIN_TOKEN;
    const enrollmentToken = values['enrollment-token'] ?? process.env.MDMSIM_ENROLLMENT_TOKEN;
    const simToken = values['sim-token'] ?? process.env.MDMSIM_SIM_TOKEN;
    if (!adminToken || !enrollmentToken || !simToken) {
      process.stderr.write(
        '--server needs --admin-token, --sim-token and --enrollment-token (or MDMSIM_ADMIN_TOKEN, MDMSIM_SIM_TOKEN and MDMSIM_ENROLLMENT_TOKEN).\n',
      );
      return 2;
    }
    server = {
      url: values.server,
      adminToken,
      simToken,
      enrollmentToken,
      fleetNamespace: values['fleet-namespace'] ?? runNamespace(),
      allowClock: values['allow-clock'] ?? false,
      keepDevices: values['keep-devices'] ?? false,
      ...(values['restart-command'] ? { restartCommand: values['restart-command'] } : {}),
    };
  }

  let scenarios: LoadedScenario[];
  let skippedFiles: string[];
  try {
    const found = await findScenarioFiles(positionals);
    skippedFiles = found.skipped;
    scenarios = await loadScenarioFiles(found.files);
  } catch (error) {
    if (!(error instanceof ScenarioFileError)) throw error;
    process.stderr.write(`Invalid scenario file(s); nothing was run:\n${error.message}\n`);
    // Reports say so too, rather than leaving a previous run's results for CI to publish.
    await writeReports(values, {
      junit: () => junitInvalidFilesReport(error.problems),
      json: () => jsonReport([], { seed: values.seed ?? '1', invalid: error.problems.map(formatProblem) }),
    });
    return 2;
  }
  // Notes go to stderr, so a json or junit reporter keeps stdout machine-readable.
  if (skippedFiles.length > 0) {
    process.stderr.write(
      `Skipped ${skippedFiles.length} file(s) that are not scenarios: ${skippedFiles.join(', ')}\n`,
    );
  }
  if (grep) {
    const pattern = grep;
    scenarios = scenarios.filter((loaded) => pattern.test(loaded.scenario.name) || pattern.test(loaded.file));
  }
  if (scenarios.length === 0) {
    const message = `No scenarios${grep ? ` match --grep ${grep.source}` : ' (*.yaml, *.yml, *.json) found'}.`;
    process.stderr.write(`${message}\n`);
    const problems = positionals.map((path) => ({ file: path, line: 0, column: 0, message }));
    await writeReports(values, {
      junit: () => junitInvalidFilesReport(problems),
      json: () => jsonReport([], { seed: values.seed ?? '1', invalid: problems.map(formatProblem) }),
    });
    return 2;
  }
  if (values.list) {
    for (const loaded of scenarios)
      process.stdout.write(`${loaded.file}:${loaded.line}\t${loaded.scenario.name}\n`);
    return 0;
  }
  if (server) {
    process.stderr.write(
      `Against ${server.url}: fleet namespace ${server.fleetNamespace}; the clock ${server.allowClock ? 'MAY be moved (--allow-clock)' : 'is left alone'}; devices are ${server.keepDevices ? 'kept' : 'removed after each scenario'}.\n`,
    );
  }

  const seed = values.seed ?? '1';
  const started = performance.now();
  const text = reporters.includes('text');
  const progress = text ? new ProgressLine(process.stdout, scenarios.length) : undefined;
  const results = await runScenarios(scenarios, {
    concurrency,
    seed,
    stepTimeoutMs,
    requestTimeoutMs,
    bail: values.bail ?? false,
    ...(server ? { server } : {}),
    onStep: (loaded, index, label) => progress?.step(loaded, index, label),
    onResult: (result) => progress?.done(result),
  });
  progress?.end();
  const notRunScenarios = scenarios.filter(
    (loaded) =>
      !results.some((result) => result.file === loaded.file && result.name === loaded.scenario.name),
  );
  const notRun = notRunScenarios.map((loaded) => loaded.file);
  const unavailable = results.some((result) => result.status === 'error');
  const leftOut = notRunOf(notRunScenarios, unavailable && server !== undefined);
  const context = {
    seed,
    notRun,
    ...(server ? { server: { url: server.url, fleetNamespace: server.fleetNamespace ?? '' } } : {}),
  };
  for (const reporter of reporters as Reporter[]) {
    if (reporter === 'text') {
      const troubled = results.filter((result) => result.status !== 'passed');
      if (troubled.length > 0) process.stdout.write('\n');
      for (const result of troubled) process.stdout.write(`${describeFailure(result)}\n\n`);
      for (const result of results.filter((r) => r.status === 'passed')) {
        const notes = sharedServerNotes(result);
        if (notes.length > 0)
          process.stdout.write(`${result.name} (${result.file}:${result.line})\n${notes.join('\n')}\n`);
      }
      if (notRun.length > 0)
        process.stdout.write(
          `${notRun.length} scenario(s) not run ${unavailable && server ? 'once the server was unavailable' : 'after a failure (--bail)'}.\n`,
        );
      process.stdout.write(`${summaryLine(results, performance.now() - started)}\n`);
    }
    if (reporter === 'github') process.stdout.write(githubAnnotations(results));
    if (reporter === 'json') process.stdout.write(jsonReport(results, context));
    if (reporter === 'junit') process.stdout.write(junitReport(results, undefined, leftOut));
  }
  const written = await writeReports(values, {
    junit: () => junitReport(results, undefined, leftOut),
    json: () => jsonReport(results, context),
  });
  if (!written) return 2;
  const failed = results.some(
    (result) => result.status === 'failed' || (result.status === 'incomplete' && !values['allow-incomplete']),
  );
  if (failed) return 1;
  if (unavailable) return 3;
  return notRun.length > 0 ? 1 : 0;
}

/** The scenarios not started, and why: the server was found unavailable, or --bail after a failure. */
const notRunOf = (scenarios: readonly LoadedScenario[], unavailableServer: boolean) =>
  scenarios.map((loaded) => ({
    file: loaded.file,
    line: loaded.line,
    name: loaded.scenario.name,
    reason: unavailableServer ? 'the server was unavailable' : '--bail stopped the run after a failure',
  }));

/**
 * Writes the --junit and --json files, making their folders (a fresh checkout has no test-results/). False, with the
 * reason on stderr, when one cannot be written.
 */
async function writeReports(
  values: { junit?: string | undefined; json?: string | undefined },
  reports: { junit: () => string; json: () => string },
): Promise<boolean> {
  for (const kind of ['junit', 'json'] as const) {
    const path = values[kind];
    if (path === undefined) continue;
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, reports[kind]());
    } catch (error) {
      process.stderr.write(`Could not write the --${kind} report to ${path}: ${(error as Error).message}\n`);
      return false;
    }
  }
  return true;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      server: { type: 'string' },
      'admin-token': { type: 'string' },
      'sim-token': { type: 'string' },
      'enrollment-token': { type: 'string' },
      'restart-command': { type: 'string' },
      'allow-clock': { type: 'boolean' },
      'fleet-namespace': { type: 'string' },
      'keep-devices': { type: 'boolean' },
      concurrency: { type: 'string' },
      seed: { type: 'string' },
      'step-timeout': { type: 'string' },
      'request-timeout': { type: 'string' },
      'allow-incomplete': { type: 'boolean' },
      reporter: { type: 'string', multiple: true },
      grep: { type: 'string' },
      list: { type: 'boolean' },
      bail: { type: 'boolean' },
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
