// The latency distribution of every system in one hand-written SVG, so a reader can look rather than read the table.
import type { LatencyHistogram, LatencySummary } from './stats.js';

export interface ChartSeries {
  label: string;
  histogram: LatencyHistogram;
  latency: LatencySummary;
}

const COLORS = ['#d9480f', '#1c7ed6', '#2b8a3e', '#862e9c', '#495057'];
const WIDTH = 760;
const HEIGHT = 380;
const MARGIN = { left: 56, right: 20, top: 36, bottom: 96 };

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Share of actions per latency bucket (log-scaled latency axis), one line per system, p50 and p99 in the legend. */
export function latencyChartSvg(title: string, series: readonly ChartSeries[]): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const lastUsed = Math.max(
    0,
    ...series.map((s) => s.histogram.counts.reduce((last, count, index) => (count > 0 ? index : last), 0)),
  );
  const edges = series[0]?.histogram.upperMs ?? [1];
  const maxMs = Math.max(100, edges[Math.min(edges.length - 1, lastUsed + 1)] ?? 100);
  const minMs = 1;
  const x = (ms: number) =>
    MARGIN.left + (Math.log10(Math.max(minMs, ms)) / Math.log10(maxMs / minMs)) * plotWidth;
  const shares = series.map((s) => {
    const total = s.histogram.counts.reduce((sum, count) => sum + count, 0) || 1;
    return s.histogram.counts.map((count) => (count / total) * 100);
  });
  const maxShare = Math.max(5, ...shares.flat());
  const y = (share: number) => MARGIN.top + plotHeight - (share / maxShare) * plotHeight;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top + plotHeight}" x2="${MARGIN.left + plotWidth}" y2="${MARGIN.top + plotHeight}" stroke="#333"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotHeight}" stroke="#333"/>`,
  ];
  for (let ms = 1; ms <= maxMs; ms *= 10) {
    parts.push(
      `<line x1="${x(ms).toFixed(1)}" y1="${MARGIN.top}" x2="${x(ms).toFixed(1)}" y2="${MARGIN.top + plotHeight}" stroke="#eee"/>`,
      `<text x="${x(ms).toFixed(1)}" y="${MARGIN.top + plotHeight + 16}" text-anchor="middle">${ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`}</text>`,
    );
  }
  const step = maxShare > 40 ? 20 : maxShare > 20 ? 10 : 5;
  for (let share = 0; share <= maxShare; share += step) {
    parts.push(
      `<text x="${MARGIN.left - 6}" y="${(y(share) + 4).toFixed(1)}" text-anchor="end">${share}%</text>`,
    );
  }
  parts.push(
    `<text x="${MARGIN.left + plotWidth / 2}" y="${MARGIN.top + plotHeight + 34}" text-anchor="middle">request to done (log scale)</text>`,
    `<text transform="translate(14 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">share of actions per bucket</text>`,
  );
  series.forEach((s, index) => {
    const color = COLORS[index % COLORS.length];
    const points = s.histogram.upperMs
      .map((edge, bucket) => {
        const lower = bucket === 0 ? minMs / 1.26 : (s.histogram.upperMs[bucket - 1] ?? edge);
        return edge > maxMs * 1.01
          ? null
          : `${x(Math.sqrt(lower * edge)).toFixed(1)},${y(shares[index]?.[bucket] ?? 0).toFixed(1)}`;
      })
      .filter((point): point is string => point !== null);
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.join(' ')}"/>`);
    for (const [mark, dash] of [
      [s.latency.p50Ms, '4 3'],
      [s.latency.p99Ms, '1 3'],
    ] as const) {
      if (mark > 0 && mark <= maxMs) {
        parts.push(
          `<line x1="${x(mark).toFixed(1)}" y1="${MARGIN.top}" x2="${x(mark).toFixed(1)}" y2="${MARGIN.top + plotHeight}" stroke="${color}" stroke-dasharray="${dash}"/>`,
        );
      }
    }
    const legendY = MARGIN.top + plotHeight + 54 + index * 16;
    parts.push(
      `<line x1="${MARGIN.left}" y1="${legendY - 4}" x2="${MARGIN.left + 24}" y2="${legendY - 4}" stroke="${color}" stroke-width="2"/>`,
      `<text x="${MARGIN.left + 30}" y="${legendY}">${escapeXml(`${s.label}: p50 ${s.latency.p50Ms} ms (dashed), p99 ${s.latency.p99Ms} ms (dotted), max ${s.latency.maxMs} ms, ${s.latency.count} actions`)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
