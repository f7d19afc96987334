// The shipped JSON Schema is the one the zod schema generates (run `tsx runner/write-json-schema.ts` to update it).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { MAX_LIVE_PER_ENTRY } from '../../agents/fleet/fleet-spec.js';
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

  it("takes a graphFault's method in any case, as the runner and the simulator API do", () => {
    const methods: Record<string, unknown>[] = [];
    const walk = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      const method = (node as { properties?: { method?: Record<string, unknown> } }).properties?.method;
      if (method) methods.push(method);
      for (const value of Object.values(node)) walk(value);
    };
    walk(schema);
    expect(methods).toHaveLength(1);
    const pattern = new RegExp(String(methods[0]?.pattern));
    for (const method of ['post', 'POST', 'Post', 'get', 'delete', '*'])
      expect(pattern.test(method), method).toBe(true);
    for (const method of ['HEAD', 'posts', ' post', '']) expect(pattern.test(method), method).toBe(false);
    const loaded = parseScenario(
      'name: m\nfleet:\n  - { name: iPad, enrollment: iosDeviceEnrollment, osVersion: "17.4" }\nsteps:\n  - graphFault: { method: post, path: "*", status: 503 }\n',
      'm.yaml',
    );
    expect(loaded.scenario.steps[0]).toMatchObject({ graphFault: { method: 'POST' } });
  });

  it("caps a fleet entry's count at the live devices a scenario runs", () => {
    const fleet = (schema.properties as { fleet: { items: { properties: { count: { maximum: number } } } } })
      .fleet;
    expect(fleet.items.properties.count.maximum).toBe(MAX_LIVE_PER_ENTRY);
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
