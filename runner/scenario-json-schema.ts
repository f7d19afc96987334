// The scenario format as JSON Schema, for editors (yaml-language-server) and other tools; generated, never hand-written.
import { z } from 'zod';
import { Scenario } from './scenario-schema.js';

export const SCENARIO_SCHEMA_PATH = 'scenarios/scenario.schema.json';
/**
 * Stable across the package's 0.x releases; it is where the published package serves the file (unpkg serves any npm
 * package's files). Editors can also point at node_modules/mdmsim/scenarios/scenario.schema.json.
 */
export const SCENARIO_SCHEMA_ID = 'https://unpkg.com/mdmsim@0/scenarios/scenario.schema.json';

/**
 * Descriptions for the fields of schemas shared with the server and agents (shared/), whose zod schemas carry
 * comments, not descriptions; filled in only where a property has none.
 */
const SHARED_FIELD_DESCRIPTIONS: Record<string, string> = {
  type: 'What the user does: unlock, lock, goHome, openApp, openSettings, dismissPrompt, tapNotification, enterPasscode or setPasscode.',
  passcode:
    'The passcode typed (unlock: the device passcode; enterPasscode: the work profile challenge; setPasscode: the new one).',
  notificationId: 'The notification tapped, by its id (state.notifications[].id), such as secureWorkProfile.',
  passcodeRequired: 'Whether the policy requires a passcode.',
  minLength: 'The minimum passcode length the policy requires (default 4).',
};

type JsonSchema = { [key: string]: unknown };

function fillDescriptions(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) fillDescriptions(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as JsonSchema;
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  for (const [name, property] of Object.entries(properties ?? {})) {
    const shared = SHARED_FIELD_DESCRIPTIONS[name];
    if (property.description === undefined && shared) property.description = shared;
  }
  for (const value of Object.values(schema)) fillDescriptions(value);
}

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  fillDescriptions(schema);
  return `${JSON.stringify(
    {
      ...schema,
      $id: SCENARIO_SCHEMA_ID,
      title: 'mdmsim scenario',
      description:
        'One mdmsim scenario: a fleet of emulated devices and the steps an admin, the users and the simulator take, with expectations. YAML or JSON.',
    },
    null,
    2,
  )}\n`;
}
