// Summaries of measured numbers: latency percentiles (nearest rank over every sample) and histograms, medians, and
// ratios as every report writes them.
export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    p50Ms: round(rank(0.5)),
    p95Ms: round(rank(0.95)),
    p99Ms: round(rank(0.99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
    meanMs: round(sorted.length > 0 ? total / sorted.length : 0),
  };
}

/** Counts of samples per latency bucket: ten buckets per decade from 1 ms to 100 s, the last one open-ended. */
export interface LatencyHistogram {
  /** Upper edge of each bucket in ms (a sample lands in the first bucket whose edge is at least its value). */
  upperMs: number[];
  counts: number[];
}

const BUCKET_EDGES_MS = Array.from({ length: 51 }, (_, k) => Math.round(10 ** (k / 10) * 100) / 100);

export function histogram(samples: readonly number[]): LatencyHistogram {
  const counts = BUCKET_EDGES_MS.map(() => 0);
  for (const sample of samples) {
    const index = BUCKET_EDGES_MS.findIndex((edge) => sample <= edge);
    const bucket = index < 0 ? counts.length - 1 : index;
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  return { upperMs: [...BUCKET_EDGES_MS], counts };
}

/** The median: the middle value, or the mean of the two middle values of an even count; null when there are none. */
export function median(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  const upper = sorted[Math.floor(sorted.length / 2)];
  if (upper === undefined) return null;
  return sorted.length % 2 === 1 ? upper : ((sorted[sorted.length / 2 - 1] ?? upper) + upper) / 2;
}

/** A ratio as the reports write it (`2.13x`), or `n/a` where there is none (a baseline of zero, a run cut off). */
export function ratioText(value: number | null): string {
  return value === null ? 'n/a' : `${value}x`;
}
