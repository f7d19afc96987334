// Scenario files are validated before anything runs, and every problem names its file and line.
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioFileError } from '../../runner/scenario-file.js';

const problemsOf = (text: string) => {
  try {
    parseScenario(text, 'bad.yaml');
  } catch (error) {
    if (error instanceof ScenarioFileError) return error.problems;
    throw error;
  }
  return [];
};

const FLEET = `name: x
fleet:
  - { name: iPad, enrollment: iosDeviceEnrollment, osVersion: "17.4" }
steps:
`;

describe('scenario files', () => {
  it('accepts a valid scenario and reads durations', () => {
    const { scenario } = parseScenario(
      `${FLEET}  - clock: { advance: 61m }\n  - expect: { device: iPad, action: none, within: 2h }\n`,
      'ok.yaml',
    );
    expect(scenario.steps).toEqual([
      { clock: { advance: 61 * 60_000 } },
      { expect: { device: 'iPad', action: 'none', within: 2 * 3_600_000 } },
    ]);
  });

  it('points at the line of a wrong field value', () => {
    const problems = problemsOf(
      `${FLEET}  - resetPasscode: iPad\n  - expect: { device: iPad, action: finished }\n`,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'bad.yaml', line: 6 });
    expect(problems[0]?.message).toContain('"done"');
  });

  it('names an unknown step kind', () => {
    const problems = problemsOf(`${FLEET}  - frobnicate: true\n`);
    expect(problems[0]).toMatchObject({ line: 5 });
    expect(problems[0]?.message).toContain('expected exactly one of resetPasscode');
  });

  it('rejects a device name the fleet does not have', () => {
    const problems = problemsOf(`${FLEET}  - resetPasscode: iPhone\n`);
    expect(problems[0]).toMatchObject({ line: 5 });
    expect(problems[0]?.message).toContain('No device named "iPhone"');
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf(`${FLEET}  - expect: { device: iPad\n`);
    expect(problems[0]?.line).toBeGreaterThanOrEqual(5);
    expect(problems[0]?.message).toContain('Not valid YAML');
  });

  it('rejects a bad duration and a missing fleet field at their lines', () => {
    const problems = problemsOf(`name: x
fleet:
  - { name: iPad, osVersion: "17.4" }
steps:
  - clock: { advance: 61 minutes }
`);
    expect(problems.map((problem) => problem.line).sort()).toEqual([3, 5]);
  });
});
