// The scenario format as JSON Schema, for editors (yaml-language-server) and other tools; generated, never hand-written.
import { z } from 'zod';
import { Scenario } from './scenario-schema.js';

export const SCENARIO_SCHEMA_PATH = 'scenarios/scenario.schema.json';

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify(
    { ...schema, $id: 'https://mdmsim.local/scenario.schema.json', title: 'mdmsim scenario' },
    null,
    2,
  )}\n`;
}
