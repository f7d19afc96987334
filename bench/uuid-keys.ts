// `npx tsx bench/uuid-keys.ts`: ids as the server uses them, Node's `crypto.randomUUID` against `lib/random-uuid.ts`.
// 10,000 ids made and put in a Map (an action's or a command's id as it is recorded), then each looked up three times
// by a copy of it (as a device's answer names it) and three times by itself, then deleted by the copies. The two
// kinds take turns, each first in every other round, so neither always runs on a colder or warmer process.
import { randomUUID } from 'node:crypto';
import { randomUuid } from '../lib/random-uuid.js';
import { roundOrder } from './rounds.js';
import { median } from './stats.js';

const IDS = 10_000;
const ROUNDS = 8;

function run(makeId: () => string): { makeAndKey: number; lookUp: number } {
  const started = performance.now();
  const byId = new Map<string, number>();
  const ids: string[] = [];
  for (let i = 0; i < IDS; i++) {
    const id = makeId();
    ids.push(id);
    byId.set(id, i);
  }
  const made = performance.now();
  const copies = JSON.parse(JSON.stringify(ids)) as string[];
  let sum = 0;
  for (let round = 0; round < 3; round++) for (const id of copies) sum += byId.get(id) ?? 0;
  for (let round = 0; round < 3; round++) for (const id of ids) sum += byId.get(id) ?? 0;
  for (const id of copies) byId.delete(id);
  const done = performance.now();
  if (sum <= 0 || byId.size !== 0) throw new Error('the lookups missed');
  return { makeAndKey: made - started, lookUp: done - made };
}

const kinds = { 'crypto.randomUUID': () => randomUUID(), 'lib/random-uuid': randomUuid } as const;
const times = new Map<string, { makeAndKey: number[]; lookUp: number[] }>(
  Object.keys(kinds).map((name) => [name, { makeAndKey: [], lookUp: [] }]),
);
for (let round = 0; round < ROUNDS; round++) {
  const order = roundOrder(Object.entries(kinds), round);
  for (const [name, makeId] of order) {
    const { makeAndKey, lookUp } = run(makeId);
    times.get(name)?.makeAndKey.push(makeAndKey);
    times.get(name)?.lookUp.push(lookUp);
  }
}
for (const [name, { makeAndKey, lookUp }] of times) {
  process.stdout.write(
    `${name.padEnd(18)} make and key ${IDS} ids: median ${(median(makeAndKey) ?? 0).toFixed(1)} ms; look up 60,000 and delete ${IDS}: median ${(median(lookUp) ?? 0).toFixed(1)} ms (${ROUNDS} rounds)\n`,
  );
}
