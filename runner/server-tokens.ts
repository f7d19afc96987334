// A --server run checks its admin and simulator tokens once, before any scenario: a refused one is then a single
// error of the environment (exit 3) that names the option to fix, not the same 401 failing every scenario.
import { remoteServer } from './in-process-server.js';
import type { ScenarioResult } from './results.js';
import type { RemoteServerOptions } from './run-scenario.js';
import type { LoadedScenario } from './scenario-file.js';
import { AnswerError, SimClient } from './sim-client.js';
import { stepLabel } from './step-label.js';

/**
 * The admin token's check: the cheapest Graph read a token able to run scenarios may make
 * (DeviceManagementManagedDevices.Read); it changes nothing and records no action or audit.
 */
export const ADMIN_TOKEN_CHECK = '/v1.0/deviceManagement/managedDevices?$top=1&$select=id';

/** Each token the run presents, and where the user sets it. */
const TOKENS = {
  admin: { name: 'admin token', option: '--admin-token', variable: 'MDMSIM_ADMIN_TOKEN' },
  simulator: { name: 'simulator token', option: '--sim-token', variable: 'MDMSIM_SIM_TOKEN' },
} as const;
type TokenKind = keyof typeof TOKENS;

/** The server refused one token or both: what to say on stderr, in the reports, and for the scenarios not run. */
export interface RefusedTokens {
  refused: TokenKind[];
  /** One line: the server, each token refused with the server's answer, and the options to fix. Never a token. */
  message: string;
  /** Why the scenarios were not run, as the reports say it ("not run: …"). */
  notRunReason: string;
}

/** 401: the token is not one the server knows; 403: it is, without the permission the check needs. */
const isRefusal = (status: number) => status === 401 || status === 403;

async function checkAdminToken(client: SimClient): Promise<AnswerError | undefined> {
  const answer = await client.graph('GET', ADMIN_TOKEN_CHECK);
  const request = `GET ${ADMIN_TOKEN_CHECK.split('?')[0]}`;
  return isRefusal(answer.status) ? new AnswerError(request, answer) : undefined;
}

async function checkSimulatorToken(client: SimClient): Promise<AnswerError | undefined> {
  try {
    await client.clock();
    return undefined;
  } catch (error) {
    if (error instanceof AnswerError && isRefusal(error.answer.status)) return error;
    throw error;
  }
}

/**
 * Asks the server once whether it takes the run's admin and simulator tokens. Undefined when it takes both, or when
 * the check cannot tell (the server unreachable, silent, shutting down, another answer): the scenarios then run and
 * report that as they always have.
 */
export async function refusedServerTokens(
  server: RemoteServerOptions,
  requestTimeoutMs: number,
): Promise<RefusedTokens | undefined> {
  const target = remoteServer(server);
  const client = new SimClient(target.url, target.adminToken, target.simToken, requestTimeoutMs);
  const cannotTell = () => undefined;
  const [admin, simulator] = await Promise.all([
    checkAdminToken(client).catch(cannotTell),
    checkSimulatorToken(client).catch(cannotTell),
  ]);
  const answers = new Map<TokenKind, AnswerError>();
  if (admin) answers.set('admin', admin);
  if (simulator) answers.set('simulator', simulator);
  if (answers.size === 0) return undefined;
  const refused = [...answers.keys()];
  const what = [...answers]
    .map(([kind, error]) => `the ${TOKENS[kind].name} (${error.message})`)
    .join(' and ');
  const fix = refused.map((kind) => `${TOKENS[kind].option} (or ${TOKENS[kind].variable})`).join(' and ');
  const line = `${target.url} refused ${what}: check ${fix}. No scenario was run.`;
  return {
    refused,
    // One line, whatever the answer's body held, and none of the run's tokens even if a server echoed one.
    message: withoutTokens(line.replace(/\s+/g, ' '), [
      server.adminToken,
      server.simToken,
      server.enrollmentToken,
    ]),
    notRunReason: `the server refused the ${refused.map((kind) => TOKENS[kind].name).join(' and the ')}`,
  };
}

function withoutTokens(text: string, tokens: readonly string[]): string {
  return tokens.reduce((redacted, token) => (token ? redacted.split(token).join('<token>') : redacted), text);
}

/**
 * The report entry of the scenario that would have run first: an error of the environment (JUnit `<error
 * type="ServerUnavailable">`, JSON `"status": "error"`), none of its steps run, as when the server cannot be reached.
 */
export function refusedTokensResult(
  loaded: LoadedScenario,
  refusal: RefusedTokens,
  context: { fleetName: string; durationMs: number },
): ScenarioResult {
  return {
    file: loaded.file,
    line: loaded.line,
    name: loaded.scenario.name,
    status: 'error',
    durationMs: Math.round(context.durationMs),
    fleetName: context.fleetName,
    steps: loaded.scenario.steps.map((step, index) => ({
      index,
      line: loaded.stepLines[index] ?? loaded.line,
      label: stepLabel(step),
      status: 'notRun',
      durationMs: 0,
    })),
    error: `Could not run the scenario: ${refusal.message}`,
  };
}
