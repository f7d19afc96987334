// `npm run chaos`: runs a seeded chaos run and prints its report; exits 1 if any accepted reset was lost or stuck.
import { parseCommandLine } from '../lib/command-line.js';
import { FAULT_KINDS, type FaultKind, runChaos } from './chaos-run.js';

const HELP = `Usage: npm run chaos -- [options]

A seeded chaos run: a server process on a SQLite file and agents processes, killed, restarted, replaced and cut
while admins ask for resets. Prints its report (JSON) on stdout and its progress on stderr; exits 1 if any accepted
reset was lost or stuck, 2 for a wrong option, 130 or 143 when stopped by SIGINT or SIGTERM.

Options:
  --devices <n>          emulated devices (default 500)
  --faults <n>           faults of each kind to inject (default 500)
  --seed <n>             seed of the run's choices, so a run repeats them (default: from the clock, printed)
  --agents <n>           agents processes the devices are shared among (default 2)
  --max-seconds <s>      real seconds the fault phase may take; no fault is injected after them (default 3600)
  --settle-seconds <s>   real seconds the end may wait for every accepted reset to finish (default 180)
  --kinds <list>         fault kinds to inject, comma-separated (default all):
                         ${FAULT_KINDS.join(', ')}
  -h, --help             show this`;

const { values } = parseCommandLine('npm run chaos', {
  help: { type: 'boolean', short: 'h' },
  devices: { type: 'string', default: '500' },
  faults: { type: 'string', default: '500' },
  seed: { type: 'string', default: String(Date.now() % 1_000_000) },
  agents: { type: 'string', default: '2' },
  'max-seconds': { type: 'string', default: '3600' },
  'settle-seconds': { type: 'string', default: '180' },
  /** Comma-separated fault kinds (default: all). */
  kinds: { type: 'string' },
});
if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
const number = (name: string, value: string | undefined) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    console.error(`--${name} must be a whole number, not ${value}`);
    process.exit(2);
  }
  return parsed;
};

const kinds = values.kinds?.split(',').map((kind) => kind.trim());
const unknown = kinds?.filter((kind) => !(FAULT_KINDS as readonly string[]).includes(kind));
if (unknown && unknown.length > 0) {
  console.error(`Unknown fault kinds: ${unknown.join(', ')}; known: ${FAULT_KINDS.join(', ')}`);
  process.exit(2);
}

const report = await runChaos({
  ...(kinds ? { kinds: kinds as FaultKind[] } : {}),
  devices: number('devices', values.devices),
  faultsPerKind: number('faults', values.faults),
  seed: number('seed', values.seed),
  agentsProcesses: Math.max(1, number('agents', values.agents)),
  maxSeconds: number('max-seconds', values['max-seconds']),
  settleSeconds: number('settle-seconds', values['settle-seconds']),
  log: (line) => console.error(line),
});
console.log(
  JSON.stringify(
    {
      ...report,
      lost: report.lost.length,
      stuck: report.stuck.length,
      lostIds: report.lost,
      stuckIds: report.stuck,
      unfinished: report.unfinished,
      ...(report.storeCheck !== undefined ? { storeCheck: report.storeCheck } : {}),
    },
    null,
    2,
  ),
);
for (const reset of report.unfinished) {
  const queued =
    typeof reset.queuedCommands === 'string'
      ? reset.queuedCommands
      : reset.queuedCommands.map((c) => `${c.commandId} sent=${c.sent} for ${c.actionId}`).join(', ') ||
        'none';
  console.error(
    `chaos: ${reset.verdict} ${reset.deviceId}: connected=${reset.connected}, latest action ${reset.latestAction?.id ?? 'none'} ${reset.latestAction?.state ?? ''} (before: ${reset.actionBefore ?? 'none'}), queued: ${queued}`,
  );
}
process.exit(report.lost.length + report.stuck.length > 0 ? 1 : 0);
