// The shipped JSON Schema is the one the zod schema generates (run `tsx runner/write-json-schema.ts` to update it).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../runner/scenario-file.js';
import {
  SCENARIO_SCHEMA_ID,
  SCENARIO_SCHEMA_PATH,
  scenarioJsonSchema,
} from '../../runner/scenario-json-schema.js';

it('scenarios/scenario.schema.json is up to date', async () => {
  const shipped = JSON.parse(await readFile(SCENARIO_SCHEMA_PATH, 'utf8')) as unknown;
  expect(shipped).toEqual(JSON.parse(scenarioJsonSchema()));
});

describe('the schema for editors', () => {
  const schema = JSON.parse(scenarioJsonSchema()) as Record<string, unknown>;

  it('has a stable https $id and a description on every property, at every depth', () => {
    expect(schema.$id).toBe(SCENARIO_SCHEMA_ID);
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) {
        node.forEach((item, index) => {
          walk(item, `${path}[${index}]`);
        });
        return;
      }
      if (node === null || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, { description?: string }> }).properties ?? {};
      for (const [name, property] of Object.entries(properties)) {
        if (!property.description) undescribed.push(`${path}.${name}`);
      }
      for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key}`);
    };
    walk(schema, '');
    expect(undescribed).toEqual([]);
  });

  it('types `state` from the device state: known fields complete, misspelt ones refused', () => {
    const base = `name: s\nfleet:\n  - { name: iPad, enrollment: iosDeviceEnrollment, osVersion: "17.4" }\nsteps:\n`;
    expect(() =>
      parseScenario(
        `${base}  - expect: { device: iPad, state: { screen: { view: home }, prompt: null } }\n`,
        'ok.yaml',
      ),
    ).not.toThrow();
    expect(() =>
      parseScenario(`${base}  - expect: { device: iPad, state: { pascodeSet: false } }\n`, 'bad.yaml'),
    ).toThrow(/pascodeSet/);
    expect(() =>
      parseScenario(
        `${base}  - expect: { device: iPad, state: { screen: { view: nowhere } } }\n`,
        'bad.yaml',
      ),
    ).toThrow(/bad\.yaml:5/);
  });

  it('accepts count in a fleet when the name numbers the copies, and a $schema key', () => {
    const loaded = parseScenario(
      JSON.stringify({
        $schema: SCENARIO_SCHEMA_ID,
        name: 'counted',
        fleet: [{ name: 'iPad {n}', count: 3, enrollment: 'iosDeviceEnrollment', osVersion: '17.4' }],
        steps: [{ resetPasscode: 'iPad 3' }],
      }),
      'counted.json',
    );
    expect(loaded.scenario.fleet.map((device) => device.name)).toEqual(['iPad 1', 'iPad 2', 'iPad 3']);
    expect(() =>
      parseScenario(
        'name: n\nfleet:\n  - { name: iPad, count: 2, enrollment: iosDeviceEnrollment, osVersion: "17.4" }\nsteps:\n  - resetPasscode: iPad\n',
        'twins.yaml',
      ),
    ).toThrow(/twins\.yaml:3:.*\{n\}/);
  });
});
