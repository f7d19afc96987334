// The scenario format as JSON Schema, for editors (yaml-language-server) and other tools; generated, never hand-written.
import { z } from 'zod';
import { GraphFaultRule } from '../shared/graph/graph-fault.js';
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
  app: 'openApp on an Android work profile: which side the app is on, work (default) or personal.',
  currentPasscode:
    "setPasscode: the device's current passcode, which changing a passcode in Settings asks for first.",
};

/** The graphFault `method` field: the runner and the simulator API take it in any case (`post` is POST). */
const GRAPH_FAULT_METHOD = GraphFaultRule.shape.method;
const GRAPH_FAULT_METHODS = GRAPH_FAULT_METHOD.unwrap().out.options;

/** A JSON Schema pattern matching `word` in any case: [Pp][Oo][Ss][Tt]. */
const anyCase = (word: string) =>
  [...word].map((c) => (c === '*' ? '\\*' : `[${c.toUpperCase()}${c.toLowerCase()}]`)).join('');

/**
 * The method as the runner reads it: any case, as the simulator API upper-cases it (JSON Schema has no
 * case-insensitive enum, so a pattern; `examples` keep the editor's completions).
 */
function methodInAnyCase(node: JsonSchema): void {
  delete node.enum;
  node.pattern = `^(${GRAPH_FAULT_METHODS.map((method) => anyCase(String(method))).join('|')})$`;
  node.examples = [...GRAPH_FAULT_METHODS];
  node.description = `The HTTP method to match, in any case (${GRAPH_FAULT_METHODS.join(', ')}); \`*\` (default) is any.`;
}

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
  const schema = z.toJSONSchema(Scenario, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema === GRAPH_FAULT_METHOD) methodInAnyCase(jsonSchema as JsonSchema);
    },
  }) as JsonSchema;
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
