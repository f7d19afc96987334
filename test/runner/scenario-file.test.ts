// Scenario files are validated before anything runs, and every problem names its file and line; folders are searched
// for them, leaving out what a scenario folder is expected to hold beside them.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findScenarioFiles, parseScenario, ScenarioFileError } from '../../runner/scenario-file.js';

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

describe('scenario folders', () => {
  it('leaves out the JSON Schema, package files and Markdown without a note, and lists any other file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mdmsim-find-'));
    await mkdir(join(dir, 'nested'));
    await mkdir(join(dir, 'node_modules'));
    const names = [
      'a.yaml',
      'b.yml',
      'c.json',
      'scenario.schema.json',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'README.md',
      'nested/NOTES.MD',
      'nested/d.yaml',
      'notes.txt',
      'e.yaml.bak',
      '.hidden.yaml',
      'node_modules/x.yaml',
    ];
    for (const name of names) await writeFile(join(dir, name), 'name: x\n');
    expect(await findScenarioFiles([dir])).toEqual({
      files: ['a.yaml', 'b.yml', 'c.json', 'nested/d.yaml'].map((name) => join(dir, name)),
      skipped: ['e.yaml.bak', 'notes.txt'].map((name) => join(dir, name)),
    });
  });

  it('has nothing to note in the shipped scenarios folder, whose README and schema are expected there', async () => {
    const found = await findScenarioFiles(['scenarios']);
    expect(found.skipped).toEqual([]);
    expect(found.files.filter((file) => !file.endsWith('.yaml'))).toEqual([]);
  });
});
