// Several rounds of the same benchmark in one run: single runs on a shared 2-core machine move by a fifth or more, so a
// verdict read from one round says as much about the machine's moment as about the code.
import type { RatioSpread, Ratios, RoundResult, StoreSpread } from './benchmark-result.js';
import { median, ratioText } from './stats.js';

/**
 * Round `index` (from 0) measures the systems in order, the next one in reverse (A B B A): over an even number of
 * rounds each system is measured as often early as late, so a machine that drifts through the run favours none. With
 * an odd number, the first order runs once more.
 */
export function roundOrder<T>(systems: readonly T[], index: number): T[] {
  return index % 2 === 0 ? [...systems] : [...systems].reverse();
}

/**
 * The round the report's main table shows: the one whose first store's time to the last done (the headline target's
 * ratio) is the median of the rounds; of an even number, the slower of the two middle rounds, so the round shown never
 * flatters. A round without that ratio counts as the slowest (the spread leaves it out of its medians).
 */
export function medianRoundIndex(rounds: readonly RoundResult[]): number {
  const headline = (round: RoundResult) => round.runs[0]?.ratios.lastDoneSeconds ?? Number.POSITIVE_INFINITY;
  const ranked = rounds.map((round, index) => ({ index, value: headline(round) }));
  ranked.sort((a, b) => a.value - b.value || a.index - b.index);
  return ranked[Math.floor(ranked.length / 2)]?.index ?? 0;
}

/** Each store's ratios across the rounds (rounds without a figure, such as a warm reset cut off, are left out). */
export function spreadOf(rounds: readonly RoundResult[]): StoreSpread[] {
  const stores = rounds[0]?.runs.map((run) => run.store) ?? [];
  return stores.map((store) => {
    const runs = rounds.flatMap((round) => round.runs.filter((run) => run.store === store));
    const keys = Object.keys(runs[0]?.ratios ?? {}) as Array<keyof Ratios>;
    const ratios = Object.fromEntries(
      keys.map((key) => {
        const values = runs.map((run) => run.ratios[key]).filter((value) => value !== null);
        const spread: RatioSpread = {
          median: roundedMedian(values),
          min: values.length > 0 ? Math.min(...values) : null,
          max: values.length > 0 ? Math.max(...values) : null,
        };
        return [key, spread];
      }),
    ) as Record<keyof Ratios, RatioSpread>;
    const targetsMet = (runs[0]?.targets ?? []).map(({ name }) => ({
      name,
      rounds: runs.filter((run) => run.targets.some((target) => target.name === name && target.met)).length,
    }));
    return { store, ratios, targetsMet };
  });
}

/** A median of ratios, to the two decimals the ratios have. */
const roundedMedian = (values: readonly number[]) => {
  const middle = median(values);
  return middle === null ? null : Math.round(middle * 100) / 100;
};

const range = (spread: RatioSpread) =>
  spread.min === null || spread.max === null ? 'n/a' : `${spread.min}-${spread.max}x`;

/** The figures the rounds table shows for each store. */
const ROUND_FIGURES: ReadonlyArray<[string, keyof Ratios]> = [
  ['connect', 'connectSeconds'],
  ['last done', 'lastDoneSeconds'],
  ['p99', 'p99'],
  ['server CPU', 'serverCpu'],
  ['warm server CPU', 'warmServerCpu'],
];

/** The report's section on the rounds: each round's ratios, their medians and ranges, and each target's rounds met. */
export function roundsMarkdown(rounds: readonly RoundResult[], shown: number, spread: StoreSpread[]): string {
  const stores = spread.map((entry) => entry.store);
  const header = [
    'round',
    'order',
    ...stores.flatMap((store) => ROUND_FIGURES.map(([label]) => `${store}: ${label}`)),
    ...stores.map((store) => `${store}: targets met`),
  ];
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const roundRows = rounds.map((round, index) =>
    row([
      index === shown ? `**${index + 1}** (shown above)` : String(index + 1),
      round.order.join(', '),
      ...stores.flatMap((store) => {
        const run = round.runs.find((candidate) => candidate.store === store);
        return ROUND_FIGURES.map(([, key]) => ratioText(run?.ratios[key] ?? null));
      }),
      ...stores.map((store) => {
        const run = round.runs.find((candidate) => candidate.store === store);
        return run ? `${run.targets.filter((target) => target.met).length}/${run.targets.length}` : 'n/a';
      }),
    ]),
  );
  const medianRow = row([
    'median',
    '',
    ...spread.flatMap((entry) => ROUND_FIGURES.map(([, key]) => ratioText(entry.ratios[key].median))),
    ...stores.map(() => ''),
  ]);
  const rangeRow = row([
    'range',
    '',
    ...spread.flatMap((entry) => ROUND_FIGURES.map(([, key]) => range(entry.ratios[key]))),
    ...stores.map(() => ''),
  ]);
  const targetNames = spread[0]?.targetsMet.map((target) => target.name) ?? [];
  const targetRows = targetNames.map((name) =>
    row([
      name,
      ...spread.map((entry) => {
        const met = entry.targetsMet.find((target) => target.name === name)?.rounds ?? 0;
        return `${met} of ${rounds.length}`;
      }),
    ]),
  );
  return [
    `## ${rounds.length} rounds`,
    '',
    `Every system measured once per round, in reverse order every other round (A B B A), each store's ratios over its own round's bare baseline; the medians are of each figure on its own. The tables above are round ${shown + 1}, whose ${stores[0] ?? 'first'} store's time to the last done is the median ratio of the rounds (of an even number, the slower of the two middle ones).`,
    '',
    row(header),
    row(header.map((_, index) => (index < 2 ? '---' : '---:'))),
    ...roundRows,
    medianRow,
    rangeRow,
    '',
    row(['target', ...stores.map((store) => `rounds met (${store})`)]),
    row(['---', ...stores.map(() => ':---:')]),
    ...targetRows,
    '',
  ].join('\n');
}

/** The summary line's tail: the medians and ranges of the headline ratios over the rounds. */
export function roundsSummary(rounds: number, spread: StoreSpread[]): string {
  const perStore = spread.map(
    (entry) =>
      `${entry.store}: ${ROUND_FIGURES.slice(0, 4)
        .map(
          ([label, key]) => `${label} ${ratioText(entry.ratios[key].median)} (${range(entry.ratios[key])})`,
        )
        .join(', ')}`,
  );
  return `medians over ${rounds} rounds | ${perStore.join(' | ')}`;
}
