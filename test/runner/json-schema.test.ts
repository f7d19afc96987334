// The shipped JSON Schema is the one the zod schema generates (run `tsx runner/write-json-schema.ts` to update it).
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { SCENARIO_SCHEMA_PATH, scenarioJsonSchema } from '../../runner/scenario-json-schema.js';

it('scenarios/scenario.schema.json is up to date', async () => {
  const shipped = JSON.parse(await readFile(SCENARIO_SCHEMA_PATH, 'utf8')) as unknown;
  expect(shipped).toEqual(JSON.parse(scenarioJsonSchema()));
});
