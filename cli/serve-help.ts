// `mdmsim serve --help`, made from the server's own settings (server/config.ts): every variable it reads, and the flag
// its parser takes for each, so the help cannot miss one again.
import { ServerEnv, settingName } from '../server/config.js';

/** Each setting's value placeholder and what it does; the compiler asks for one per variable ServerEnv reads. */
const SETTINGS: Record<keyof ServerEnv, readonly [placeholder: string, text: string]> = {
  PORT: ['<n>', 'HTTP listening port (0: any free port)'],
  HOST: [
    '<addr>',
    'listening address; 0.0.0.0 exposes the Graph API, the simulator API and the device gateway',
  ],
  MDMSIM_ADMIN_TOKEN: ['<t>', 'Graph bearer token, 16+ characters (default: generated, printed)'],
  MDMSIM_SIM_TOKEN: [
    '<t>',
    "simulator API bearer token (/sim and its event stream), the runner's --sim-token (default: generated, printed)",
  ],
  MDMSIM_ADMIN_UPN: ['<upn>', 'the user the admin token speaks for in Graph'],
  MDMSIM_ENROLLMENT_TOKEN: ['<t>', 'device enrollment token (default: generated, printed)'],
  MDMSIM_SUPPORT_EDITION: ['<e>', 'edition of the support matrix: 2018-03 or current'],
  MDMSIM_CLOCK_SPEED: ['<x>', 'simulated ms per real ms (0 pauses, at most 100000)'],
  MDMSIM_DEFAULT_FLEET: ['<bool>', 'run the demo fleet (or --fleet) in-process: true or false'],
  MDMSIM_FLEET_FILE: [
    '<file>',
    'fleet file (YAML or JSON) for the in-process fleet (default: the demo fleet)',
  ],
  MDMSIM_FLEET_NAME: ['<name>', "name the in-process fleet's device identities derive from"],
  MDMSIM_STORE_FILE: [
    '<file>',
    'SQLite file that keeps devices, actions, queued commands and the clock across restarts (default: memory)',
  ],
  MDMSIM_NOTNOW_RETRY_SECONDS: ['<s>', 'seconds before a command a device answered NotNow is sent again'],
  LOG_LEVEL: ['<level>', 'fatal, error, warn, info, debug, trace or silent'],
  MDMSIM_HTTPS_PORT: [
    '<n>',
    'HTTPS listening port, beside HTTP on the same address (Graph, Entra, wss:// for devices)',
  ],
  MDMSIM_DATA_DIR: [
    '<dir>',
    "what survives a restart: the local CA and certificate (tls/), the token signing key (identity/), the demo fleet's device key (agents/); a .gitignore in it keeps it out of git",
  ],
  MDMSIM_TLS_HOSTS: ['<names>', 'more names for the server certificate, comma-separated'],
  MDMSIM_TLS_CERT: ['<file>', "your own certificate (PEM) instead of the local CA's; with --tls-key"],
  MDMSIM_TLS_KEY: ['<file>', "your certificate's private key (PEM); with --tls-cert"],
  MDMSIM_TENANT_ID: ['<uuid>', 'tenant (directory) id of the Entra look-alike'],
  MDMSIM_APPS_FILE: [
    '<file>',
    'app registrations (client id, secret, permissions), JSON or YAML (default: one app)',
  ],
  MDMSIM_CLIENT_ID: ['<uuid>', "the default app's client id (default: generated, printed)"],
  MDMSIM_CLIENT_SECRET: ['<secret>', "the default app's client secret (default: generated, printed)"],
  MDMSIM_THROTTLING: ['<mode>', "Graph throttling: intune (Intune's published limits), off, or custom"],
  MDMSIM_THROTTLING_LIMITS: [
    '<limits>',
    "with MDMSIM_THROTTLING=custom, e.g. writesPerAppPerTenant=5,windowSeconds=10 (others stay Intune's)",
  ],
};

const WIDTH = 118;
const COLUMN = 27;

/** The flag the server's parser takes for a variable (`--store-file`), if it takes one. */
export function flagOf(variable: keyof ServerEnv): string | undefined {
  return /\((--[a-z-]+)\)$/.exec(settingName(variable))?.[1];
}

/** The value a variable has when unset, as the help shows it (none for no default, or an empty list). */
function defaultOf(variable: keyof ServerEnv): string | undefined {
  const parsed = ServerEnv.shape[variable].safeParse(undefined);
  if (!parsed.success || parsed.data === undefined) return undefined;
  if (Array.isArray(parsed.data)) return parsed.data.length > 0 ? parsed.data.join(',') : undefined;
  return String(parsed.data);
}

/** `left` then `text` in the description column, wrapped at WIDTH. */
function entry(left: string, text: string): string {
  const lines: string[] = [];
  let line = left.length < COLUMN - 1 ? left.padEnd(COLUMN) : `${left}\n${' '.repeat(COLUMN)}`;
  let start = line.length - (line.lastIndexOf('\n') + 1);
  for (const word of text.split(' ')) {
    if (start + word.length > WIDTH && start > COLUMN) {
      lines.push(line.trimEnd());
      line = ' '.repeat(COLUMN);
      start = COLUMN;
    }
    line += `${word} `;
    start += word.length + 1;
  }
  lines.push(line.trimEnd());
  return lines.join('\n');
}

export function serveHelp(): string {
  const variables = Object.keys(ServerEnv.shape) as (keyof ServerEnv)[];
  const described = (variable: keyof ServerEnv) => {
    const fallback = defaultOf(variable);
    const [, text] = SETTINGS[variable];
    return `[${variable}] ${text}${fallback !== undefined && !text.includes('(default') ? ` (default ${fallback})` : ''}`;
  };
  const withFlag = variables.filter((variable) => flagOf(variable) !== undefined);
  const withoutFlag = variables.filter((variable) => flagOf(variable) === undefined);
  return [
    'Usage: mdmsim serve [options]',
    '',
    'Runs the mdmsim server. Every option also reads from the environment variable in brackets (the flag wins).',
    '',
    'Options:',
    ...withFlag.map((variable) =>
      entry(`  ${flagOf(variable)} ${SETTINGS[variable][0]}`, described(variable)),
    ),
    entry('  -h, --help', 'show this'),
    '',
    'Environment variables only:',
    ...withoutFlag.map((variable) => {
      const [, text] = SETTINGS[variable];
      const fallback = defaultOf(variable);
      return entry(`  ${variable}`, `${text}${fallback !== undefined ? ` (default ${fallback})` : ''}`);
    }),
  ].join('\n');
}
