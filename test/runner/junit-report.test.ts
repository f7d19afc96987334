// The JUnit report is well-formed XML with one testcase per scenario, and escapes whatever a message holds.
import { describe, expect, it } from 'vitest';
import { junitReport } from '../../runner/junit-report.js';
import type { ScenarioResult } from '../../runner/results.js';
import { parseXml } from './xml-structure.js';

const result = (overrides: Partial<ScenarioResult>): ScenarioResult => ({
  file: 'scenarios/a.yaml',
  name: 'a',
  status: 'passed',
  durationMs: 1234,
  fleetName: 'scenario-x',
  steps: [],
  ...overrides,
});

describe('junit report', () => {
  it('is valid XML with passed, failed and skipped cases', () => {
    const xml = junitReport([
      result({}),
      result({
        name: 'b <&> "quoted" \'single\' \u0007',
        status: 'failed',
        steps: [
          {
            index: 0,
            label: 'expect "iPad" action="done"',
            status: 'failed',
            durationMs: 5,
            message: 'Not as <expected> & so on',
            details: ['action: expected "done", got "pending"'],
            recentEvents: ['action resetPasscode: pending'],
          },
        ],
      }),
      result({
        name: 'c',
        status: 'incomplete',
        steps: [{ index: 0, label: 'restartServer', status: 'skipped', durationMs: 0, message: 'SKIPPED' }],
      }),
    ]);
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    const [suite] = root.children;
    expect(suite?.name).toBe('testsuite');
    expect(suite?.attributes).toMatchObject({ tests: '3', failures: '1', skipped: '1' });
    const cases = suite?.children ?? [];
    expect(cases.map((c) => c.name)).toEqual(['testcase', 'testcase', 'testcase']);
    expect(cases[0]?.attributes).toMatchObject({ name: 'a', classname: 'scenarios/a.yaml', time: '1.234' });
    expect(cases[1]?.attributes.name).toBe('b <&> "quoted" \'single\' ');
    const failure = cases[1]?.children[0];
    expect(failure?.name).toBe('failure');
    expect(failure?.attributes.message).toContain('Not as <expected> & so on');
    expect(failure?.text).toContain('action: expected "done", got "pending"');
    expect(cases[2]?.children[0]?.name).toBe('skipped');
  });
});
