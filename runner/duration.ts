// Durations in scenario files: "61m", "2h", "30s", "1d", "250ms", or plain milliseconds.
import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PATTERN = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;

/** Milliseconds for a duration string, or null when it is not one. */
export function parseDuration(text: string): number | null {
  const match = PATTERN.exec(text.trim());
  if (!match) return null;
  const [, amount, unit] = match;
  return Math.round(Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS]);
}

export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}

/** A duration as written (number of ms, or a string with a unit), read as milliseconds. */
export const Duration = z
  .union([
    z.number().int().min(0),
    z.string().regex(PATTERN, 'Expected a duration such as "500ms", "30s", "61m", "2h" or "1d"'),
  ])
  .transform((value) => (typeof value === 'number' ? value : (parseDuration(value) ?? 0)))
  .pipe(z.number().max(366 * UNIT_MS.d, 'at most a year'));
