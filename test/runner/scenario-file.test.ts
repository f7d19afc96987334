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

  it('refuses a NotNow fault for a device that never answers NotNow (not an Apple one)', () => {
    const android = `name: x
fleet:
  - { name: Galaxy, enrollment: androidDeviceAdministrator, osVersion: "6.0.1" }
  - { name: iPad, enrollment: iosDeviceEnrollment, osVersion: "17.4" }
steps:
  - fault: { device: iPad, kind: notNow }
  - fault: { device: Galaxy, kind: notNow }
`;
    const problems = problemsOf(android);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 7 });
    expect(problems[0]?.message).toBe('NotNow is an Apple MDM status: "Galaxy" (Android) never answers it.');
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf(`${FLEET}  - expect: { device: iPad\n`);
    expect(problems[0]?.line).toBeGreaterThanOrEqual(5);
    expect(problems[0]?.message).toContain('Not valid YAML');
  });

  it('points an unknown field at its own key, one problem per field', () => {
    const problems = problemsOf(`name: x
fleet:
  - name: iPad
    enrollment: iosDeviceEnrollment
    osVersion: "17.4"
    colour: red
timeout: 5
steps:
  - resetPasscode: iPad
`);
    expect(problems.map(({ line, column, message }) => ({ line, column, message }))).toEqual([
      { line: 6, column: 5, message: 'Unexpected field colour (at fleet.0).' },
      { line: 7, column: 1, message: 'Unexpected field timeout.' },
    ]);
  });

  it('caps the fleet at the live devices one process may run, per entry and in all', () => {
    const fleet = (...entries: string[]) =>
      `name: big\nfleet:\n${entries.map((entry) => `  - { ${entry}, enrollment: iosDeviceEnrollment, osVersion: "17.4" }\n`).join('')}steps:\n  - resetPasscode: iPad1\n`;
    const [entry] = problemsOf(fleet('name: "iPad{n}", count: 1000000'));
    // At the count's value: `  - { name: "iPad{n}", count: ` is 30 characters.
    expect(entry).toMatchObject({ line: 3, column: 31 });
    expect(entry?.message).toContain('A scenario runs at most 20,000 devices');
    // Two entries within the cap, over it together: pointed at the one that goes over.
    const total = problemsOf(fleet('name: "iPad{n}", count: 15000', 'name: "Pad{n}", count: 5001'));
    expect(total).toHaveLength(1);
    expect(total[0]).toMatchObject({ line: 4, column: 30 });
    expect(total[0]?.message).toContain(
      'The fleet has 20,001 devices in all; a scenario runs at most 20,000',
    );
    expect(parseScenario(fleet('name: "iPad{n}", count: 20000'), 'ok.yaml').scenario.fleet).toHaveLength(
      20_000,
    );
  });

  it("refuses a passcode the device's lock screen refuses, at the passcode's line and column", () => {
    const problems = problemsOf(`name: x
fleet:
  - name: Pixel
    enrollment: androidWorkProfile
    osVersion: "14"
    passcode: "pässword"
  - { name: iPad, enrollment: iosDeviceEnrollment, osVersion: "17.4", passcode: "12\\t34" }
steps:
  - resetPasscode: Pixel
`);
    expect(problems).toEqual([
      {
        file: 'bad.yaml',
        line: 6,
        column: 15,
        message:
          "An Android device's passcode takes only ASCII characters 32-127 (AOSP's lock screen refuses others) (at fleet.0.passcode).",
      },
      {
        file: 'bad.yaml',
        line: 7,
        // At the passcode's value: `  - { name: iPad, ..., passcode: ` is 80 characters.
        column: 81,
        message:
          "A passcode cannot include a control character such as a tab or a newline (no device's lock screen takes one) (at fleet.1.passcode).",
      },
    ]);
    // What those devices take, a passcode shorter than the policy's minimum among them (a non-compliant start).
    const { scenario } = parseScenario(
      `name: ok
fleet:
  - { name: Pixel, enrollment: androidWorkProfile, osVersion: "14", passcode: "1234", policy: { passcodeRequired: true, minLength: 6 } }
  - { name: iPad, enrollment: iosDeviceEnrollment, osVersion: "17.4", passcode: "café" }
steps:
  - resetPasscode: Pixel
`,
      'ok.yaml',
    );
    expect(scenario.fleet.map((device) => device.passcode)).toEqual(['1234', 'café']);
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
