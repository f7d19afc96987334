// The one `mdmsim` command: picks the subcommand (serve, agents, scenario, bench) and hands it the rest of the line.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const USAGE = `Usage: mdmsim <command> [options]

Commands:
  serve      run the server (Graph API, simulator API, console) with the demo fleet in-process
  agents     run a fleet of emulated devices against a server
  scenario   run scenario files (YAML or JSON) and report for CI
  bench      measure the devices one server holds and what each costs

Run \`mdmsim <command> --help\` for a command's options.`;

/** Also what `npm run agents -- --help` (agents/main.ts) prints. */
export const AGENTS_HELP = `Usage: mdmsim agents [options]

Runs a fleet of emulated iOS and Android devices against a server.

Options:
  --server <url>           [MDMSIM_SERVER_URL] the server (default http://127.0.0.1:8080)
  --enrollment-token <t>   [MDMSIM_ENROLLMENT_TOKEN] the server's enrollment token (required)
  --fleet <file>           [MDMSIM_FLEET_FILE] fleet file (default: the built-in demo fleet)
  --fleet-name <name>      [MDMSIM_FLEET_NAME] device identities derive from it (default: the host name);
                           the same name gets the same devices back after a restart
  --data-dir <dir>         [MDMSIM_DATA_DIR] keeps the fleet's device key (agents/<fleet>.key), passcode
                           lockouts and the devices' passcodes and reset tokens, so a restart gets the same
                           devices back (default: none; the key lives only as long as the process, unless
                           MDMSIM_DEVICE_KEY gives it)
  --ca-file <file>         [MDMSIM_CA_FILE] CA certificate (PEM) to trust for an https:// server, e.g. the
                           server's .mdmsim/tls/ca.pem (NODE_EXTRA_CA_CERTS works too)
  --support-edition <e>    [MDMSIM_SUPPORT_EDITION] the server's edition, 2018-03 (default) or current: the
                           devices run its Company Portal (a work profile's reset token from 7.0 or 8.0)
  --log-level <level>      [LOG_LEVEL] fatal, error, warn, info, debug, trace or silent
  -h, --help               show this`;

const BENCH_HELP = `Usage: mdmsim bench [options]

Starts a server and agents in child processes, connects the devices, sends Remove passcode to all of them and
reports throughput, latency and memory per device (bench-results/latest.json and latest.md).

Options:
  --devices <n>               devices to connect (default 10000)
  --quick                     50 devices, for a smoke run
  --store <list>              the stores mdmsim runs with, side by side (default memory,sqlite)
  --rounds <n>                measure every system n times in turns (even n balances the order), report the median
                              round (default 1, at most 9)
  --out <folder>              where the results go (default bench-results)
  --concurrent-batches <n>    Graph $batch requests in flight at once
  --timeout-seconds <n>       give up on the whole run after this long (default 900 times the rounds)
  --tenant <n> [--live <n>]   tenant scale: n devices enrolled, few of them live (tenant.md)
  --growth                    the benchmark and the tenant at several sizes (growth.md)
  -h, --help                  show this`;

type Command = (args: string[]) => Promise<number | undefined>;

/** Runs an entry point module that reads process.argv itself, as if it had been started directly with `args`. */
const asEntry =
  (module: string): Command =>
  async (args) => {
    const path = fileURLToPath(new URL(module, import.meta.url));
    process.argv = [process.argv[0] as string, path, ...args];
    await import(new URL(module, import.meta.url).href);
    return undefined;
  };

const withHelp =
  (help: string | (() => Promise<string>), command: Command): Command =>
  async (args) => {
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(`${typeof help === 'string' ? help : await help()}\n`);
      return 0;
    }
    return command(args);
  };

/** Made from the server's settings table when asked for (loading it is not free). */
const serveHelp = async () => (await import('./serve-help.js')).serveHelp();

const COMMANDS: Record<string, Command> = {
  serve: withHelp(serveHelp, asEntry('../server/main.js')),
  agents: withHelp(AGENTS_HELP, asEntry('../agents/main.js')),
  bench: withHelp(BENCH_HELP, asEntry('../bench/run.js')),
  scenario: async (args) => {
    const { main } = await import('../runner/cli.js');
    return main(args);
  },
};

/** Returns the exit status, or undefined when the command keeps running (a server) and sets it itself. */
export async function main(argv: readonly string[]): Promise<number | undefined> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    // No command is a usage error, as everywhere else: the usage goes to stderr, the status is 2.
    process.stderr.write(`Give a command.\n\n${USAGE}\n`);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${await packageVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${USAGE}\n`);
    return 2;
  }
  return command(rest);
}

/** The version in the package.json above this module (cli/ in a checkout, dist/cli/ in the package). */
async function packageVersion(): Promise<string> {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
