// The scenario command's options, read and checked before anything runs: a wrong one is a usage error (exit 2).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type RemoteServerOptions, runNamespace } from './run-scenario.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './sim-client.js';

export const REPORTERS = ['text', 'github', 'json', 'junit'] as const;
export type Reporter = (typeof REPORTERS)[number];
/** Reporters whose stdout a program parses: each must have stdout to itself. */
const MACHINE_REPORTERS: readonly Reporter[] = ['json', 'junit'];

/** A mistake on the command line: the message says which option and what was wrong. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    /** The options could not be read at all (an unknown flag): the usage is shown too. */
    readonly showUsage = false,
  ) {
    super(message);
  }
}

export interface CliOptions {
  help: boolean;
  paths: string[];
  concurrency: number;
  stepTimeoutMs: number;
  requestTimeoutMs: number;
  seed: string;
  reporters: Reporter[];
  grep: RegExp | undefined;
  list: boolean;
  bail: boolean;
  allowIncomplete: boolean;
  junit: string | undefined;
  json: string | undefined;
  server: RemoteServerOptions | undefined;
}

const wholeNumber = (flag: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((text, context) => {
      if (text === undefined) return fallback;
      const value = Number(text);
      if (/^\s*\d+\s*$/.test(text) && Number.isSafeInteger(value) && value >= 1) return value;
      context.addIssue({
        code: 'custom',
        message: `--${flag} takes a positive whole number, not "${text}".`,
      });
      return z.NEVER;
    });

/** What `--server` must be: the server's base URL over HTTP or HTTPS. */
const ServerUrl = z.url({
  protocol: /^https?$/,
  error: (issue) =>
    `--server takes the server's http:// or https:// URL, such as http://127.0.0.1:8080, not ${JSON.stringify(issue.input)}.`,
});

const Values = z.object({
  concurrency: wholeNumber('concurrency', 4),
  'step-timeout': wholeNumber('step-timeout', 5_000),
  'request-timeout': wholeNumber('request-timeout', DEFAULT_REQUEST_TIMEOUT_MS),
  server: ServerUrl.optional(),
  reporter: z
    .array(z.string())
    .optional()
    .transform((names, context) => {
      const unknown = (names ?? []).filter((name) => !(REPORTERS as readonly string[]).includes(name));
      if (unknown.length > 0) {
        context.addIssue({
          code: 'custom',
          message: `Unknown reporter ${unknown.join(', ')}: use ${REPORTERS.join(', ')}.`,
        });
        return z.NEVER;
      }
      // The same reporter twice would only print the same thing twice.
      const chosen = [...new Set((names ?? ['text']) as Reporter[])];
      const machine = chosen.find((name) => MACHINE_REPORTERS.includes(name));
      if (machine && chosen.length > 1) {
        context.addIssue({
          code: 'custom',
          message: `--reporter ${machine} must be the only reporter: it writes ${machine === 'json' ? 'JSON' : 'JUnit XML'} to stdout, and --reporter ${chosen.filter((name) => name !== machine).join(', --reporter ')} would be mixed into it so that it no longer parses. Write the others to files (--junit <file>, --json <file>).`,
        });
        return z.NEVER;
      }
      return chosen;
    }),
  grep: z
    .string()
    .optional()
    .transform((pattern, context) => {
      if (pattern === undefined) return undefined;
      try {
        return new RegExp(pattern);
      } catch (error) {
        context.addIssue({ code: 'custom', message: `--grep: ${(error as Error).message}.` });
        return z.NEVER;
      }
    }),
});

/** Reads the command line; throws a UsageError saying what is wrong. */
export function readCliOptions(argv: readonly string[], env: NodeJS.ProcessEnv): CliOptions {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    throw new UsageError((error as Error).message, true);
  }
  const { values, positionals } = parsed;
  const help = values.help ?? false;
  const checked = Values.safeParse(values);
  if (!checked.success) throw new UsageError(checked.error.issues.map((issue) => issue.message).join('\n'));
  const options = checked.data;
  if (!help && positionals.length === 0)
    throw new UsageError('Give at least one scenario file or folder.', true);
  if (values.list && (values.junit !== undefined || values.json !== undefined)) {
    throw new UsageError(
      '--list runs nothing, so it writes no report: leave out --junit and --json (or --list, to run).',
    );
  }
  if (values.list && options.reporter.some((name) => name !== 'text')) {
    throw new UsageError(
      `--list prints file:line<TAB>name only: leave out --reporter ${options.reporter.join(', ')}.`,
    );
  }
  let server: RemoteServerOptions | undefined;
  if (options.server !== undefined) {
    const adminToken = values['admin-token'] ?? env.MDMSIM_ADMIN_TOKEN;
    const enrollmentToken = values['enrollment-token'] ?? env.MDMSIM_ENROLLMENT_TOKEN;
    const simToken = values['sim-token'] ?? env.MDMSIM_SIM_TOKEN;
    if (!adminToken || !enrollmentToken || !simToken) {
      throw new UsageError(
        '--server needs --admin-token, --sim-token and --enrollment-token (or MDMSIM_ADMIN_TOKEN, MDMSIM_SIM_TOKEN and MDMSIM_ENROLLMENT_TOKEN).',
      );
    }
    server = {
      url: options.server,
      adminToken,
      simToken,
      enrollmentToken,
      fleetNamespace: values['fleet-namespace'] ?? runNamespace(),
      allowClock: values['allow-clock'] ?? false,
      keepDevices: values['keep-devices'] ?? false,
      ...(values['restart-command'] ? { restartCommand: values['restart-command'] } : {}),
    };
  }
  return {
    help,
    paths: positionals,
    concurrency: options.concurrency,
    stepTimeoutMs: options['step-timeout'],
    requestTimeoutMs: options['request-timeout'],
    seed: values.seed ?? '1',
    reporters: options.reporter,
    grep: options.grep,
    list: values.list ?? false,
    bail: values.bail ?? false,
    allowIncomplete: values['allow-incomplete'] ?? false,
    junit: values.junit,
    json: values.json,
    server,
  };
}

function parseCommandLine(argv: readonly string[]) {
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
