// The reports point every failure at its step's file and line: JUnit (well-formed, escaped), GitHub annotations, JSON.
import { describe, expect, it } from 'vitest';
import { githubAnnotations } from '../../runner/github-report.js';
import { JSON_REPORT_VERSION, jsonReport } from '../../runner/json-report.js';
import { junitInvalidFilesReport, junitReport } from '../../runner/junit-report.js';
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

describe('junit report of a run', () => {
  it('gives the suite the wall time of the run, each testcase its own', () => {
    // Four scenarios side by side, each 7.2 s, in an 8.0 s run: the suite took 8.0 s, not 28.8 s.
    const results = ['a', 'b', 'c', 'd'].map((name) => result({ name, durationMs: 7_200 }));
    const suite = parseXml(junitReport(results, { elapsedMs: 8_000 })).children[0];
    expect(suite?.attributes.time).toBe('8.000');
    expect(suite?.children.map((testcase) => testcase.attributes.time)).toEqual([
      '7.200',
      '7.200',
      '7.200',
      '7.200',
    ]);
  });

  it('reports an interrupted scenario as a Cancelled error at its step, and those not started as skipped', () => {
    const xml = junitReport(
      [
        result({
          name: 'interrupted',
          status: 'cancelled',
          steps: [
            { index: 0, line: 5, label: 'resetPasscode "iPad"', status: 'passed', durationMs: 3 },
            {
              index: 1,
              line: 6,
              label: 'expect "iPad" action="done"',
              status: 'cancelled',
              durationMs: 900,
              message: 'Cancelled: the run was interrupted (SIGTERM) at this step.',
            },
          ],
        }),
      ],
      {
        notRun: [
          { file: 'scenarios/b.yaml', line: 1, name: 'later', reason: 'the run was interrupted (SIGTERM)' },
        ],
      },
    );
    const suite = parseXml(xml).children[0];
    expect(suite?.attributes).toMatchObject({ tests: '2', failures: '0', errors: '1', skipped: '1' });
    expect(suite?.children[0]?.attributes).toMatchObject({ line: '6' });
    expect(suite?.children[0]?.children[0]?.name).toBe('error');
    expect(suite?.children[0]?.children[0]?.attributes).toMatchObject({ type: 'Cancelled' });
    expect(suite?.children[0]?.children[0]?.attributes.message).toContain('interrupted (SIGTERM)');
    expect(suite?.children[1]?.children[0]?.attributes.message).toBe(
      'not run: the run was interrupted (SIGTERM)',
    );
  });

  it('names each problem of an invalid file apart, so CI tools do not merge them', () => {
    const xml = junitInvalidFilesReport([
      { file: 'p/x.yaml', line: 3, column: 1, message: 'Unexpected field timeout.' },
      { file: 'p/x.yaml', line: 9, column: 5, message: 'No device named "iPhone" in the fleet.' },
      { file: 'p/x.yaml', line: 9, column: 5, message: 'Another problem at the same place.' },
      { file: 'p/missing.yaml', line: 0, column: 0, message: 'No such file or folder.' },
    ]);
    const names = parseXml(xml).children[0]?.children.map((testcase) => testcase.attributes.name);
    expect(names).toEqual([
      'invalid scenario file: p/x.yaml:3:1',
      'invalid scenario file: p/x.yaml:9:5',
      'invalid scenario file: p/x.yaml:9:5 (2)',
      'invalid scenario file: p/missing.yaml',
    ]);
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
      version: JSON_REPORT_VERSION,
      seed: '1',
      notRun: ['b.yaml'],
    });
    expect(report.scenarios[0]).toMatchObject({ file: 'scenarios/a.yaml', line: 2, steps: [{ line: 5 }] });
  });
});
