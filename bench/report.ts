// The benchmark's Markdown table: mdmsim beside the bare-ws baseline, the ratio between them, and the targets.
import type { BenchmarkResult } from './benchmark.js';
import type { ProcessFigures, ScenarioResult } from './scenario.js';

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

interface Row {
  label: string;
  value: (scenario: ScenarioResult) => string;
  ratio?: number | null;
}

function processRows(
  label: string,
  pick: (s: ScenarioResult) => ProcessFigures,
  ratios: { rss: number | null; cpu: number | null },
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
    { label: `${label} CPU total (s)`, value: (s) => String(pick(s).cpuSeconds.total) },
  ];
}

export function markdownReport(result: BenchmarkResult): string {
  const { mdmsim, baseline, ratios } = result;
  const rows: Row[] = [
    { label: 'devices connected', value: (s) => `${s.connected}/${s.devices}` },
    { label: 'connect + enroll (s)', value: (s) => String(s.connectSeconds), ratio: ratios.connectSeconds },
    { label: 'connect rate (devices/s)', value: (s) => String(s.devicesPerSecond) },
    { label: 'reset: requested', value: (s) => String(s.reset.requested) },
    {
      label: 'reset: done / failed / refused',
      value: (s) => `${s.reset.done} / ${s.reset.failed} / ${s.reset.refused}`,
    },
    {
      label: 'reset: last done after (s)',
      value: (s) => s.reset.lastDoneSeconds.toFixed(2),
      ratio: ratios.lastDoneSeconds,
    },
    { label: 'latency p50 (ms)', value: (s) => String(s.reset.latency.p50Ms), ratio: ratios.p50 },
    { label: 'latency p95 (ms)', value: (s) => String(s.reset.latency.p95Ms), ratio: ratios.p95 },
    { label: 'latency p99 (ms)', value: (s) => String(s.reset.latency.p99Ms), ratio: ratios.p99 },
    { label: 'latency max (ms)', value: (s) => String(s.reset.latency.maxMs), ratio: ratios.max },
    { label: 'benchmark process CPU during reset (s)', value: (s) => String(s.reset.driverCpuSeconds) },
    ...processRows('server', (s) => s.server, { rss: ratios.serverRssDeltaPerDevice, cpu: ratios.serverCpu }),
    ...processRows('agents', (s) => s.agents, { rss: ratios.agentsRssDeltaPerDevice, cpu: ratios.agentsCpu }),
  ];
  const lines = [
    `# mdmsim benchmark, ${result.devices} devices (${result.supported} reset)`,
    '',
    `${result.startedAt}, ${result.machine.cpus} CPUs, Node ${result.machine.node}; reset sent as $batch of ${result.batchSize}, ${result.concurrentBatches} batches in flight. Server and devices are separate processes on one machine, so figures are noisy. Graph throttling is off for the benchmark (MDMSIM_THROTTLING=off).`,
    '',
    '| figure | mdmsim | bare ws baseline | ratio |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map(
      (row) =>
        `| ${row.label} | ${row.value(mdmsim)} | ${row.value(baseline)} | ${row.ratio === undefined ? '' : row.ratio === null ? 'n/a' : `${row.ratio}x`} |`,
    ),
    '',
    '| target | met | measured |',
    '| --- | :---: | --- |',
    ...result.targets.map((target) => `| ${target.name} | ${target.met ? 'yes' : 'no'} | ${target.detail} |`),
    '',
  ];
  return lines.join('\n');
}
