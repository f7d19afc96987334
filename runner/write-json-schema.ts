// `tsx runner/write-json-schema.ts`: regenerates scenarios/scenario.schema.json from the zod schema.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { SCENARIO_SCHEMA_PATH, scenarioJsonSchema } from './scenario-json-schema.js';

await writeFile(SCENARIO_SCHEMA_PATH, scenarioJsonSchema());
// Leave the file as the project's formatter would, so `biome check` stays quiet.
const biome = 'node_modules/.bin/biome';
if (existsSync(biome)) execFileSync(biome, ['format', '--write', SCENARIO_SCHEMA_PATH], { stdio: 'ignore' });
process.stdout.write(`Wrote ${SCENARIO_SCHEMA_PATH}\n`);
