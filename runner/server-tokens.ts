// A --server run checks its admin and simulator tokens once, before any scenario: a refused one is then a single
// error of the environment (exit 3) that names the option to fix, not the same 401 failing every scenario; a server
// that cannot be reached is reported then too, once, rather than after the first scenario waits for it again.
import { remoteServer } from './in-process-server.js';
import type { ScenarioResult } from './results.js';
import type { RemoteServerOptions } from './run-scenario.js';
import type { LoadedScenario } from './scenario-file.js';
import { ServerUnavailable } from './server-unavailable.js';
import { AnswerError, SimClient } from './sim-client.js';
import { unrunSteps } from './unrun-steps.js';

/**
 * The admin token's check: a Graph read that changes nothing and records no action or audit. Only its 401 counts (the
 * token is not one the server takes): a 403 says the token lacks a read permission, which a least-privilege token that
 * may only reset passcodes (DeviceManagementManagedDevices.PrivilegedOperations.All) lacks too, and such a token runs
 * scenarios, so the scenarios judge it as they always have.
 */
export const ADMIN_TOKEN_CHECK = '/v1.0/deviceManagement/managedDevices?$top=1&$select=id';

/** Each token the run presents, and where the user sets it. */
const TOKENS = {
  admin: { name: 'admin token', option: '--admin-token', variable: 'MDMSIM_ADMIN_TOKEN' },
  simulator: { name: 'simulator token', option: '--sim-token', variable: 'MDMSIM_SIM_TOKEN' },
} as const;
type TokenKind = keyof typeof TOKENS;

/**
 * Why no scenario runs: the server refused a token, or could not be reached. What to say on stderr, in the reports,
 * and for the scenarios not run.
 */
export interface RunBlocked {
  /** One line: the server, what went wrong with the server's answer, and what to fix. Never a token. */
  message: string;
  /**
   * Why the scenarios were not run, as the reports say it ("not run: …"), for a refused token; none for a server
   * that cannot be reached, which the reports name as they name a server found unavailable by a scenario.
   */
  notRunReason?: string;
}

/** A token the server does not take: 401, as Graph's gateway and the simulator API answer it. */
const isRefusal = (status: number) => status === 401;

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

/** What a check's failure says: the server unavailable (kept), or nothing the check can tell (the scenarios will). */
const unavailableOrNothing = (error: unknown): ServerUnavailable | undefined =>
  error instanceof ServerUnavailable ? error : undefined;

/**
 * Asks the server once whether it takes the run's admin and simulator tokens. Undefined when it takes both, or when
 * the check cannot tell (another answer): the scenarios then run and judge it. A server that cannot be reached
 * (refused, silent past --request-timeout, shutting down, an untrusted certificate) blocks the run at once, as the
 * first scenario would after waiting for it as long again.
 */
export async function serverCheck(
  server: RemoteServerOptions,
  requestTimeoutMs: number,
): Promise<RunBlocked | undefined> {
  const target = remoteServer(server);
  const client = new SimClient(target.url, target.adminToken, target.simToken, requestTimeoutMs);
  const unavailable: ServerUnavailable[] = [];
  const keepUnavailable = (error: unknown) => {
    const kept = unavailableOrNothing(error);
    if (kept) unavailable.push(kept);
    return undefined;
  };
  const [admin, simulator] = await Promise.all([
    checkAdminToken(client).catch(keepUnavailable),
    checkSimulatorToken(client).catch(keepUnavailable),
  ]);
  const secrets = [server.adminToken, server.simToken, server.enrollmentToken];
  const [first] = unavailable;
  if (first) {
    return {
      message: oneLine(`Could not reach ${target.url}: ${first.message} No scenario was run.`, secrets),
    };
  }
  const answers = new Map<TokenKind, AnswerError>();
  if (admin) answers.set('admin', admin);
  if (simulator) answers.set('simulator', simulator);
  if (answers.size === 0) return undefined;
  const refused = [...answers.keys()];
  const what = [...answers]
    .map(([kind, error]) => `the ${TOKENS[kind].name} (${error.message})`)
    .join(' and ');
  const fix = refused.map((kind) => `${TOKENS[kind].option} (or ${TOKENS[kind].variable})`).join(' and ');
  return {
    message: oneLine(`${target.url} refused ${what}: check ${fix}. No scenario was run.`, secrets),
    notRunReason: `the server refused the ${refused.map((kind) => TOKENS[kind].name).join(' and the ')}`,
  };
}

/** One line, whatever the answer's body held, and none of the run's tokens (the client redacted the answers already). */
function oneLine(text: string, secrets: readonly string[]): string {
  return withoutTokens(text.replace(/\s+/g, ' '), secrets);
}

function withoutTokens(text: string, tokens: readonly string[]): string {
  return tokens.reduce((redacted, token) => (token ? redacted.split(token).join('<token>') : redacted), text);
}

/**
 * The report entry of the scenario that would have run first: an error of the environment (JUnit `<error
 * type="ServerUnavailable">`, JSON `"status": "error"`), none of its steps run, as when the server cannot be reached.
 */
export function blockedRunResult(
  loaded: LoadedScenario,
  refusal: RunBlocked,
  context: { fleetName: string; durationMs: number },
): ScenarioResult {
  return {
    file: loaded.file,
    line: loaded.line,
    name: loaded.scenario.name,
    status: 'error',
    durationMs: Math.round(context.durationMs),
    fleetName: context.fleetName,
    steps: unrunSteps(loaded, () => ({ status: 'notRun' })),
    error: `Could not run the scenario: ${refusal.message}`,
  };
}
