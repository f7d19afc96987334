// `mdmsim scenario <files or folders>` / `npm run scenario --`: find and validate every file, run, report, exit 0-3.
import { realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RunCancelled, unfinishedResult, untilCancelled } from './cancellation.js';
import { type CliOptions, readCliOptions, UsageError } from './cli-options.js';
import { MAX_IN_PROCESS_DEVICES, MAX_SCENARIO_DEVICES } from './fleet-limits.js';
import { githubAnnotations } from './github-report.js';
import { INTERRUPT_EXIT_CODES, INTERRUPT_EXIT_MS, watchInterrupts } from './interrupts.js';
import { jsonReport } from './json-report.js';
import { junitInvalidFilesReport, junitReport } from './junit-report.js';
import { ProgressLine } from './progress-line.js';
import type { ScenarioResult } from './results.js';
import { fleetNameFor } from './run-scenario.js';
import { runScenarios } from './run-scenarios.js';
import {
  type FileProblem,
  findScenarioFiles,
  formatProblem,
  type LoadedScenario,
  loadScenarioFiles,
  ScenarioFileError,
} from './scenario-file.js';
import { blockedRunResult, serverCheck } from './server-tokens.js';
import { describeFailure, sharedServerNotes, summaryLine } from './text-report.js';

const USAGE = `Usage: mdmsim scenario [options] <scenario files or folders...>

Runs scenario files (*.yaml, *.yml, *.json; folders are searched recursively). By default each scenario gets its own
server and devices, in-process (at most ${MAX_IN_PROCESS_DEVICES.toLocaleString('en')} devices a scenario; with --server, ${MAX_SCENARIO_DEVICES.toLocaleString('en')}).

Selecting:
  --grep <regex>            run only scenarios whose name (or file) matches
  --list                    list the scenarios (file:line  name) and exit without running (no reports: it takes
                            no --junit, --json or --reporter)
  --bail                    start no more scenarios after the first failure

Reporting (stdout shows the text reporter unless --reporter says otherwise):
  --reporter <name>         text, github (GitHub Actions annotations on the failing step's line), json or junit;
                            text and github may be combined; json or junit must be the only one (write the
                            others to files)
  --junit <file>            also write a JUnit XML report (testcase file and line point at the failing step)
  --json <file>             also write a JSON report (format version in "version")

A shared server:
  --server <url>            drive this server instead (its http:// or https:// URL, e.g. docker-compose's
                            http://127.0.0.1:8080); the runner still runs the devices,
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
reached or used (refused, silent past --request-timeout, untrusted TLS, shutting down, a token refused, a server
older than the runner): nothing failed, but not everything was tested; against --server the run then stops. The
admin and simulator tokens are checked once before the first scenario: one refused (401) is a single line on
stderr naming its option, and no scenario runs; so is a server that cannot be reached.
130 (SIGINT, Ctrl-C) or 143 (SIGTERM, a CI job cancelled): the run was interrupted. No scenario starts after the
signal; those running are cancelled (JUnit <error type="Cancelled">), the rest not run (<skipped>); with --server
their devices are removed; the reports are written; all within ${INTERRUPT_EXIT_MS / 1000} s (a second signal exits at once).`;

export async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = readCliOptions(argv, process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${error.showUsage ? `\n${USAGE}\n` : ''}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { server, seed, reporters, grep } = options;

  let scenarios: LoadedScenario[];
  let skippedFiles: string[];
  try {
    const found = await findScenarioFiles(options.paths);
    skippedFiles = found.skipped;
    scenarios = await loadScenarioFiles(found.files);
  } catch (error) {
    if (!(error instanceof ScenarioFileError)) throw error;
    process.stderr.write(`Invalid scenario file(s); nothing was run:\n${error.message}\n`);
    // Reports say so too, rather than leaving a previous run's results for CI to publish.
    await writeProblemReports(options, error.problems);
    return 2;
  }
  // Notes go to stderr, so a json or junit reporter keeps stdout machine-readable.
  if (skippedFiles.length > 0) {
    process.stderr.write(
      `Skipped ${skippedFiles.length} file(s) that are not scenarios: ${skippedFiles.join(', ')}\n`,
    );
  }
  if (grep) {
    scenarios = scenarios.filter((loaded) => grep.test(loaded.scenario.name) || grep.test(loaded.file));
  }
  if (scenarios.length === 0) {
    const message = `No scenarios${grep ? ` match --grep ${grep.source}` : ' (*.yaml, *.yml, *.json) found'}.`;
    process.stderr.write(`${message}\n`);
    await writeProblemReports(
      options,
      options.paths.map((path) => ({ file: path, line: 0, column: 0, message })),
    );
    return 2;
  }
  if (options.list) {
    for (const loaded of scenarios)
      process.stdout.write(`${loaded.file}:${loaded.line}\t${loaded.scenario.name}\n`);
    return 0;
  }
  // In-process the runner holds both ends of every device's socket: a fleet past MAX_IN_PROCESS_DEVICES needs --server.
  const tooBig = server
    ? []
    : scenarios.filter((loaded) => loaded.scenario.fleet.length > MAX_IN_PROCESS_DEVICES);
  if (tooBig.length > 0) {
    const problems = tooBig.map((loaded) => ({
      file: loaded.file,
      ...loaded.fleetAt,
      message: `The fleet has ${loaded.scenario.fleet.length.toLocaleString('en')} devices; without --server a scenario runs at most ${MAX_IN_PROCESS_DEVICES.toLocaleString('en')} (the runner then holds both ends of every device's socket). Run it against a server process with --server.`,
    }));
    process.stderr.write(
      `Scenario(s) too large to run in-process; nothing was run:\n${problems.map(formatProblem).join('\n')}\n`,
    );
    await writeProblemReports(options, problems);
    return 2;
  }
  if (server) {
    process.stderr.write(
      `Against ${server.url}: fleet namespace ${server.fleetNamespace}; the clock ${server.allowClock ? 'MAY be moved (--allow-clock)' : 'is left alone'}; devices are ${server.keepDevices ? 'kept' : 'removed after each scenario'}.\n`,
    );
  }

  const runStarted = performance.now();
  const progress = reporters.includes('text')
    ? new ProgressLine(process.stdout, scenarios.length)
    : undefined;
  const interrupts = watchInterrupts((signal) => {
    progress?.end();
    process.stderr.write(
      `${signal}: starting no more scenarios; stopping those running${server && !server.keepDevices ? ' and removing their devices from the server' : ''}, then writing the reports (at most ${INTERRUPT_EXIT_MS / 1000} s; a second signal exits at once).\n`,
    );
  });
  const finished = new Map<LoadedScenario, ScenarioResult>();
  const started = new Map<LoadedScenario, { at: number; step: number | undefined }>();
  // Against --server the tokens are checked once, up front: a refused one is one error of the environment, not the
  // same 401 in every scenario; a server that cannot be reached is said at once, not after the first scenario waits.
  const blocked = server
    ? await untilCancelled(serverCheck(server, options.requestTimeoutMs), interrupts.signal).catch(
        (error: unknown) => {
          if (error instanceof RunCancelled) return undefined;
          throw error;
        },
      )
    : undefined;
  if (blocked && server) {
    process.stderr.write(`${blocked.message}\n`);
    // Reported as a server found unavailable by the first scenario is: that one an error, the others not run.
    const first = scenarios[0] as LoadedScenario;
    const result = blockedRunResult(first, blocked, {
      fleetName: fleetNameFor(seed, first, server.fleetNamespace ?? 'scenario'),
      durationMs: performance.now() - runStarted,
    });
    finished.set(first, result);
    progress?.done(result);
  }
  // A refused token or an unreachable server runs no scenario at all.
  const running = runScenarios(blocked ? [] : scenarios, {
    concurrency: options.concurrency,
    seed,
    stepTimeoutMs: options.stepTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs,
    bail: options.bail,
    signal: interrupts.signal,
    ...(server ? { server } : {}),
    onStart: (loaded) => started.set(loaded, { at: performance.now(), step: undefined }),
    onStep: (loaded, index, label) => {
      const run = started.get(loaded);
      if (run) run.step = index;
      if (!interrupts.signal.aborted) progress?.step(loaded, index, label);
    },
    onResult: (result, loaded) => {
      finished.set(loaded, result);
      progress?.done(result);
    },
  });
  // Interrupted, the run ends when its scenarios are cleaned up, or when it must exit (INTERRUPT_EXIT_MS) whatever
  // they are still doing.
  await Promise.race([running, interrupts.overdue]);
  interrupts.dispose();
  progress?.end();
  const interrupted = interrupts.received();
  const elapsedMs = performance.now() - runStarted;
  const results = scenarios.flatMap((loaded) => {
    const result = finished.get(loaded);
    if (result) return [result];
    const run = started.get(loaded);
    if (!run || !interrupted) return [];
    return [
      unfinishedResult(loaded, {
        reachedStep: run.step,
        reason: interrupted,
        fleetName: fleetNameFor(seed, loaded, server ? (server.fleetNamespace ?? 'scenario') : 'scenario'),
        durationMs: performance.now() - run.at,
      }),
    ];
  });
  const notRunScenarios = scenarios.filter((loaded) => !finished.has(loaded) && !started.has(loaded));
  const notRun = notRunScenarios.map((loaded) => loaded.file);
  const unavailable = results.some((result) => result.status === 'error');
  const whyNotRun = interrupted
    ? `the run was interrupted (${interrupted})`
    : blocked?.notRunReason
      ? blocked.notRunReason
      : unavailable && server
        ? 'the server was unavailable'
        : '--bail stopped the run after a failure';
  const leftOut = notRunScenarios.map((loaded) => ({
    file: loaded.file,
    line: loaded.line,
    name: loaded.scenario.name,
    reason: whyNotRun,
  }));
  const context = {
    seed,
    notRun,
    ...(interrupted ? { interrupted } : {}),
    ...(server ? { server: { url: server.url, fleetNamespace: server.fleetNamespace ?? '' } } : {}),
  };
  const junit = () => junitReport(results, { notRun: leftOut, elapsedMs });
  const json = () => jsonReport(results, context);
  for (const reporter of reporters) {
    if (reporter === 'text') {
      const troubled = results.filter((result) => result.status !== 'passed');
      if (troubled.length > 0) process.stdout.write('\n');
      for (const result of troubled) process.stdout.write(`${describeFailure(result)}\n\n`);
      for (const result of results.filter((r) => r.status === 'passed')) {
        const notes = sharedServerNotes(result);
        if (notes.length > 0)
          process.stdout.write(`${result.name} (${result.file}:${result.line})\n${notes.join('\n')}\n`);
      }
      if (notRun.length > 0) {
        const when = interrupted
          ? `: the run was interrupted (${interrupted})`
          : blocked?.notRunReason
            ? `: ${blocked.notRunReason}`
            : unavailable && server
              ? ' once the server was unavailable'
              : ' after a failure (--bail)';
        process.stdout.write(`${notRun.length} scenario(s) not run${when}.\n`);
      }
      process.stdout.write(`${summaryLine(results, elapsedMs)}\n`);
    }
    if (reporter === 'github') process.stdout.write(githubAnnotations(results));
    if (reporter === 'json') process.stdout.write(json());
    if (reporter === 'junit') process.stdout.write(junit());
  }
  const written = await writeReports(options, { junit, json });
  if (interrupted) {
    // The signal's own status (a shell's 128 + its number), whatever ran before it. The listeners replaced the
    // signal's default exit, and what the interrupted steps left running must not keep the process up.
    const code = INTERRUPT_EXIT_CODES[interrupted];
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
    process.exit(code);
  }
  if (!written) return 2;
  const failed = results.some(
    (result) => result.status === 'failed' || (result.status === 'incomplete' && !options.allowIncomplete),
  );
  if (failed) return 1;
  if (unavailable) return 3;
  return notRun.length > 0 ? 1 : 0;
}

/** The reports of a run that never started (invalid files, nothing found, too big): one error per problem. */
function writeProblemReports(options: CliOptions, problems: readonly FileProblem[]): Promise<boolean> {
  return writeReports(options, {
    junit: () => junitInvalidFilesReport(problems),
    json: () => jsonReport([], { seed: options.seed, invalid: problems.map(formatProblem) }),
  });
}

/**
 * Writes the --junit and --json files, making their folders (a fresh checkout has no test-results/). False, with the
 * reason on stderr, when one cannot be written.
 */
async function writeReports(
  paths: { junit: string | undefined; json: string | undefined },
  reports: { junit: () => string; json: () => string },
): Promise<boolean> {
  for (const kind of ['junit', 'json'] as const) {
    const path = paths[kind];
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
