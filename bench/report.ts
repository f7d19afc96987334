// The benchmark's Markdown table: mdmsim beside the bare-ws baseline, the ratio between them, and the targets.
import type { BenchmarkResult, Ratios } from './benchmark-result.js';
import { roundsMarkdown, roundsSummary } from './rounds.js';
import type { ProcessFigures, ScenarioResult } from './scenario.js';
import { ratioText } from './stats.js';

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

interface Row {
  label: string;
  value: (scenario: ScenarioResult) => string;
  /** Which ratio (mdmsim over bare ws) the row shows, if any. */
  ratio?: keyof Ratios;
}

function processRows(
  label: string,
  pick: (s: ScenarioResult) => ProcessFigures,
  ratios: { rss: keyof Ratios; cpu: keyof Ratios },
): Row[] {
  return [
    { label: `${label} RSS before devices (MB)`, value: (s) => mb(pick(s).baselineRssBytes) },
    { label: `${label} RSS connected (MB)`, value: (s) => mb(pick(s).connectedRssBytes) },
    { label: `${label} RSS after reset (MB)`, value: (s) => mb(pick(s).afterResetRssBytes) },
    { label: `${label} RSS per device (KB)`, value: (s) => kb(pick(s).rssPerDeviceBytes) },
    {
      label: `${label} RSS delta per device (KB)`,
      value: (s) => kb(pick(s).rssDeltaPerDeviceBytes),
      ratio: ratios.rss,
    },
    { label: `${label} CPU connect (s)`, value: (s) => String(pick(s).cpuSeconds.connect) },
    { label: `${label} CPU reset (s)`, value: (s) => String(pick(s).cpuSeconds.reset), ratio: ratios.cpu },
    {
      label: `${label} CPU reset off the main thread (s)`,
      value: (s) => String(pick(s).cpuSeconds.resetOffMainThread),
    },
    { label: `${label} CPU total (s)`, value: (s) => String(pick(s).cpuSeconds.total) },
    {
      label: `${label} open files connected (processes)`,
      value: (s) => `${pick(s).openFilesConnected} (${pick(s).processes})`,
    },
  ];
}

/** The second reset, sent again to the same processes once the first is done (`WarmReset`). */
const warmRows: Row[] = [
  {
    label: 'warm reset: done / failed / refused',
    value: (s) => `${s.warmReset.reset.done} / ${s.warmReset.reset.failed} / ${s.warmReset.reset.refused}`,
  },
  {
    label: 'warm reset: last done after (s)',
    value: (s) => s.warmReset.reset.lastDoneSeconds.toFixed(2),
    ratio: 'warmLastDoneSeconds',
  },
  {
    label: 'warm reset: latency p99 (ms)',
    value: (s) => String(s.warmReset.reset.latency.p99Ms),
    ratio: 'warmP99',
  },
  {
    label: 'warm reset: server CPU per action (µs)',
    value: (s) =>
      String(Math.round((s.warmReset.cpuSeconds.server / Math.max(1, s.warmReset.reset.done)) * 1e6)),
    ratio: 'warmServerCpu',
  },
  {
    label: 'warm reset: server CPU off the main thread (s)',
    value: (s) => String(s.warmReset.cpuSeconds.serverOffMainThread),
  },
  {
    label: 'warm reset: agents CPU (s)',
    value: (s) => String(s.warmReset.cpuSeconds.agents),
    ratio: 'warmAgentsCpu',
  },
];

/** Which code a report measured, and how its children ran it: "code abc1234 (compiled JavaScript, ...)". */
export function codeMeasured(source: Pick<BenchmarkResult['source'], 'revision' | 'runtime'>): string {
  const runtime =
    source.runtime === 'compiled'
      ? 'compiled JavaScript, as the container runs it'
      : 'TypeScript run through tsx';
  return `code ${source.revision ?? '(revision unknown: no git checkout, or a build without its stamp)'} (${runtime})`;
}

export function markdownReport(result: BenchmarkResult): string {
  const rows: Row[] = [
    { label: 'devices connected', value: (s) => `${s.connected}/${s.devices}` },
    { label: 'connect + enroll (s)', value: (s) => String(s.connectSeconds), ratio: 'connectSeconds' },
    { label: 'connect rate (devices/s)', value: (s) => String(s.devicesPerSecond) },
    { label: 'reset: requested', value: (s) => String(s.reset.requested) },
    {
      label: 'reset: done / failed / refused',
      value: (s) => `${s.reset.done} / ${s.reset.failed} / ${s.reset.refused}`,
    },
    {
      label: 'reset: last done after (s)',
      value: (s) => s.reset.lastDoneSeconds.toFixed(2),
      ratio: 'lastDoneSeconds',
    },
    { label: 'latency p50 (ms)', value: (s) => String(s.reset.latency.p50Ms), ratio: 'p50' },
    { label: 'latency p95 (ms)', value: (s) => String(s.reset.latency.p95Ms), ratio: 'p95' },
    { label: 'latency p99 (ms)', value: (s) => String(s.reset.latency.p99Ms), ratio: 'p99' },
    { label: 'latency max (ms)', value: (s) => String(s.reset.latency.maxMs), ratio: 'max' },
    {
      label: 'server CPU per action during reset (µs)',
      value: (s) => String(Math.round((s.server.cpuSeconds.reset / Math.max(1, s.reset.done)) * 1e6)),
      ratio: 'serverCpu',
    },
    { label: 'benchmark process CPU during reset (s)', value: (s) => String(s.reset.driverCpuSeconds) },
    ...processRows('server', (s) => s.server, { rss: 'serverRssDeltaPerDevice', cpu: 'serverCpu' }),
    ...processRows('agents', (s) => s.agents, { rss: 'agentsRssDeltaPerDevice', cpu: 'agentsCpu' }),
    ...warmRows,
  ];
  const { runs, baseline } = result;
  const lines = [
    `# mdmsim benchmark, ${result.devices} devices (${result.supported} reset)`,
    '',
    `${result.startedAt}, ${result.machine.cpus} CPUs, Node ${result.machine.node}, ${codeMeasured(result.source)}${result.source.childNodeArgs.length > 0 ? `, children's node flags ${result.source.childNodeArgs.join(' ')}` : ''}; reset sent as $batch of ${result.batchSize}, ${result.concurrentBatches} batches in flight; server environment ${Object.entries(
      result.serverEnv,
    )
      .map(([key, value]) => `${key}=${value}`)
      .join(
        ' ',
      )} (Graph throttling off, so the server is measured, not the throttle); devices split over ${result.agentsProcesses} agents process(es) per system. Server and devices are separate processes on one machine, so figures are noisy.`,
    '',
    '![latency distribution](latest.svg)',
    '',
    `| figure | ${runs.map((run) => `mdmsim (${run.store})`).join(' | ')} | bare ws baseline | ${runs.map((run) => `ratio (${run.store})`).join(' | ')} |`,
    `| --- | ${runs.map(() => '---:').join(' | ')} | ---: | ${runs.map(() => '---:').join(' | ')} |`,
    ...rows.map((row) => {
      const ratios = runs.map((run) => (row.ratio === undefined ? '' : ratioText(run.ratios[row.ratio])));
      return `| ${row.label} | ${runs.map((run) => row.value(run.result)).join(' | ')} | ${row.value(baseline)} | ${ratios.join(' | ')} |`;
    }),
    '',
    `| target | ${runs.map((run) => `met (${run.store})`).join(' | ')} | measured |`,
    `| --- | ${runs.map(() => ':---:').join(' | ')} | --- |`,
    ...(runs[0]?.targets ?? []).map(
      (target, index) =>
        `| ${target.name} | ${runs.map((run) => (run.targets[index]?.met ? 'yes' : 'no')).join(' | ')} | ${runs.map((run) => `${run.store}: ${run.targets[index]?.detail ?? ''}`).join('; ')} |`,
    ),
    '',
    ...(result.rounds.length > 1 ? [roundsMarkdown(result.rounds, result.shownRound, result.spread)] : []),
    summaryLine(result),
    '',
  ];
  return lines.join('\n');
}

/** One line with every ratio, printed last so a terminal or CI log ends with the verdict. */
export function summaryLine(result: BenchmarkResult): string {
  const x = ratioText;
  const perRun = result.runs.map((run) => {
    const met = run.targets.filter((target) => target.met).length;
    return `${run.store}: connect ${x(run.ratios.connectSeconds)}, last done ${x(run.ratios.lastDoneSeconds)}, p50/p99 ${x(run.ratios.p50)}/${x(run.ratios.p99)}, server CPU ${x(run.ratios.serverCpu)}, agents CPU ${x(run.ratios.agentsCpu)}, memory/device ${(run.result.server.rssDeltaPerDeviceBytes / 1024).toFixed(1)}/${(run.result.agents.rssDeltaPerDeviceBytes / 1024).toFixed(1)} KB, targets ${met}/${run.targets.length}; warm reset: last done ${x(run.ratios.warmLastDoneSeconds)}, p99 ${x(run.ratios.warmP99)}, server CPU ${x(run.ratios.warmServerCpu)}`;
  });
  const rounds = result.rounds.length;
  const which =
    rounds > 1
      ? `, round ${result.shownRound + 1} of ${rounds}, the median by ${result.runs[0]?.store} store's last done`
      : '';
  const line = `summary (${result.devices} devices vs bare ws, MDMSIM_THROTTLING=off${which}) | ${perRun.join(' | ')}`;
  return rounds > 1 ? `${line} || ${roundsSummary(rounds, result.spread)}` : line;
}
