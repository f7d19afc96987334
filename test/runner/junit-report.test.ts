// The reports point every failure at its step's file and line: JUnit (well-formed, escaped), GitHub annotations, JSON.
import { describe, expect, it } from 'vitest';
import { githubAnnotations } from '../../runner/github-report.js';
import { jsonReport } from '../../runner/json-report.js';
import { junitReport } from '../../runner/junit-report.js';
import type { ScenarioResult } from '../../runner/results.js';
import { parseXml } from './xml-structure.js';

const result = (overrides: Partial<ScenarioResult>): ScenarioResult => ({
  file: 'scenarios/a.yaml',
  line: 2,
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
            line: 17,
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
        steps: [
          { index: 0, line: 9, label: 'restartServer', status: 'skipped', durationMs: 0, message: 'SKIPPED' },
        ],
      }),
    ]);
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    const [suite] = root.children;
    expect(suite?.name).toBe('testsuite');
    expect(suite?.attributes).toMatchObject({ tests: '3', failures: '1', skipped: '1' });
    const cases = suite?.children ?? [];
    expect(cases.map((c) => c.name)).toEqual(['testcase', 'testcase', 'testcase']);
    expect(cases[0]?.attributes).toMatchObject({
      name: 'a',
      classname: 'scenarios/a.yaml',
      file: 'scenarios/a.yaml',
      line: '2',
      time: '1.234',
    });
    expect(cases[1]?.attributes).toMatchObject({ file: 'scenarios/a.yaml', line: '17' });
    expect(cases[2]?.attributes).toMatchObject({ line: '9' });
    expect(cases[1]?.attributes.name).toBe('b <&> "quoted" \'single\' ');
    const failure = cases[1]?.children[0];
    expect(failure?.name).toBe('failure');
    expect(failure?.attributes.message).toContain('Not as <expected> & so on');
    expect(failure?.attributes.message).toMatch(/^scenarios\/a\.yaml:17: step 1/);
    expect(failure?.text).toContain('action: expected "done", got "pending"');
    expect(cases[2]?.children[0]?.name).toBe('skipped');
    const moved = parseXml(
      junitReport([
        result({
          clockChanges: [{ step: 2, line: 9, at: '2026-11-30T03:00:00.000Z', advancedMs: 3_660_000 }],
        }),
      ]),
    ).children[0]?.children[0];
    expect(moved?.children[0]?.name).toBe('system-out');
    expect(moved?.children[0]?.text).toContain(
      "moved the shared server's clock at 2026-11-30T03:00:00.000Z: step 3",
    );
  });
});

describe('github annotations', () => {
  it('puts one escaped ::error on the failing step line, a ::warning on an incomplete one, nothing for a pass', () => {
    const out = githubAnnotations([
      result({}),
      result({
        file: 'checks/x,y.yaml',
        name: 'fails: 100%',
        status: 'failed',
        steps: [{ index: 1, line: 12, label: 'expect', status: 'failed', durationMs: 1, message: 'a\nb' }],
      }),
      result({
        name: 'c',
        status: 'incomplete',
        steps: [
          { index: 0, line: 9, label: 'restartServer', status: 'skipped', durationMs: 0, message: 'SKIPPED' },
        ],
      }),
    ]);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^::error file=checks\/x%2Cy\.yaml,line=12,title=Scenario failed%3A fails%3A 100%25::/,
    );
    expect(lines[0]).toContain('FAILED%0A    a%0Ab');
    expect(lines[1]).toMatch(/^::warning file=scenarios\/a\.yaml,line=9,title=Scenario incomplete%3A c::/);
  });
});

describe('json report', () => {
  it('carries its format and version, and the line of every step', () => {
    const report = JSON.parse(
      jsonReport([result({ steps: [{ index: 0, line: 5, label: 'x', status: 'passed', durationMs: 1 }] })], {
        seed: '1',
        notRun: ['b.yaml'],
      }),
    );
    expect(report).toMatchObject({
      format: 'mdmsim-scenario-report',
      version: 2,
      seed: '1',
      notRun: ['b.yaml'],
    });
    expect(report.scenarios[0]).toMatchObject({ file: 'scenarios/a.yaml', line: 2, steps: [{ line: 5 }] });
  });
});
