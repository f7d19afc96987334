// Reads scenario files and rejects mistakes before anything runs, naming the file, the line and what was expected.
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type EnrollmentKind, operatingSystemOf } from '../shared/enrollment.js';
import { expandFleet, Scenario, STEP_KINDS, type Step } from './scenario-schema.js';

export interface FileProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface LoadedScenario {
  file: string;
  /** The scenario with its fleet expanded: one entry per device (`count` copies, `{n}` numbered). */
  scenario: Scenario;
  /** The line of the scenario's `name` (1-based). */
  line: number;
  /** The line of each step (1-based), so every report can point at the step in the file. */
  stepLines: number[];
  /** Where the `fleet` list starts (1-based), for a problem with the fleet as a whole. */
  fleetAt: { line: number; column: number };
}

export interface FoundScenarioFiles {
  files: string[];
  /**
   * Files met inside folders that are not scenarios and not what a scenario folder is expected to hold beside them
   * (`COMPANIONS`): possibly a misnamed scenario, so the CLI lists them.
   */
  skipped: string[];
}

export class ScenarioFileError extends Error {
  override name = 'ScenarioFileError';
  constructor(readonly problems: FileProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/** `file:line:column: message`, or `file: message` for a problem with no place in the file (a missing file). */
export const formatProblem = (problem: FileProblem) =>
  problem.line > 0
    ? `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`
    : `${problem.file}: ${problem.message}`;

const SCENARIO_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/**
 * What a scenario folder is expected to hold beside its scenarios, left out without a note: the JSON Schema (editors
 * reference it), package and TypeScript settings, and Markdown (a README on the scenarios). Anything else that is not a
 * scenario is listed as skipped, since it may be a scenario under a name the runner does not pick up.
 */
const COMPANIONS = /(\.schema\.json|^package(-lock)?\.json|^tsconfig.*\.json|\.md)$/i;

/**
 * Expands folders, recursively, into the scenario files inside them (*.yaml, *.yml, *.json; sorted), keeping files
 * given by name as they are. Hidden entries, node_modules and the expected companions of scenarios (`COMPANIONS`) are
 * left out; any other file a folder holds is listed as skipped.
 */
export async function findScenarioFiles(paths: readonly string[]): Promise<FoundScenarioFiles> {
  const found: FoundScenarioFiles = { files: [], skipped: [] };
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info)
      throw new ScenarioFileError([{ file: path, line: 0, column: 0, message: 'No such file or folder.' }]);
    if (info.isDirectory()) await walk(path, found);
    else found.files.push(path);
  }
  return found;
}

async function walk(folder: string, found: FoundScenarioFiles): Promise<void> {
  const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  for (const entry of entries) {
    // Hidden entries (also a Kubernetes ConfigMap volume's ..data links) and node_modules are never scenarios.
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      await walk(path, found);
    } else if (COMPANIONS.test(entry.name)) {
      // Expected beside scenarios: not worth a note.
    } else if (SCENARIO_EXTENSIONS.has(extname(entry.name))) {
      found.files.push(path);
    } else {
      found.skipped.push(path);
    }
  }
}

/**
 * Parses and validates one scenario's text, YAML or JSON (JSON is YAML, so lines are known either way); every problem
 * is reported, not just the first.
 */
export function parseScenario(text: string, file: string): LoadedScenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number, message: string): FileProblem => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, message };
  };
  if (doc.errors.length > 0) {
    throw new ScenarioFileError(
      doc.errors.map((error) => at(error.pos[0], `Not valid YAML: ${error.message.split('\n')[0]}`)),
    );
  }
  const offsetOf = (path: readonly PropertyKey[]): number => {
    for (let length = path.length; length >= 0; length--) {
      const node = doc.getIn(path.slice(0, length) as unknown[], true) as Node | undefined;
      if (node && (isMap(node) || isSeq(node) || isScalar(node)) && node.range) return node.range[0];
    }
    return 0;
  };
  /** Where the key itself is written in the map at `path` (an unknown field is pointed at, not its map). */
  const keyOffset = (path: readonly PropertyKey[], key: string): number => {
    const node = doc.getIn(path as unknown[], true) as Node | undefined;
    const pair = isMap(node)
      ? node.items.find((item) => isScalar(item.key) && item.key.value === key)
      : undefined;
    return pair && isScalar(pair.key) && pair.key.range ? pair.key.range[0] : offsetOf(path);
  };
  const value: unknown = doc.toJS();
  const parsed = Scenario.safeParse(value);
  if (!parsed.success) {
    throw new ScenarioFileError(
      parsed.error.issues
        .flatMap((issue) => explainStepUnion(issue, value))
        .flatMap((issue) =>
          // One problem per unknown field, each at its own key.
          issue.code === 'unrecognized_keys'
            ? issue.keys.map((key) => at(keyOffset(issue.path, key), describeUnknownKey(key, issue.path)))
            : [at(offsetOf(issue.path), describeIssue(issue))],
        ),
    );
  }
  const scenario = parsed.data;
  const problems: FileProblem[] = [];
  const names = new Set<string>();
  const enrollments = new Map<string, EnrollmentKind>();
  scenario.fleet.forEach((entry, index) => {
    for (const device of expandFleet([entry])) {
      if (names.has(device.name)) {
        problems.push(at(offsetOf(['fleet', index, 'name']), `Two devices are named "${device.name}".`));
      }
      names.add(device.name);
      enrollments.set(device.name, device.enrollment);
    }
  });
  scenario.steps.forEach((step, index) => {
    for (const [name, key] of devicesOf(step)) {
      if (!names.has(name)) {
        problems.push(
          at(
            offsetOf(['steps', index, ...key]),
            `No device named "${name}" in the fleet (expected one of: ${[...names].join(', ')}).`,
          ),
        );
      }
    }
    // The simulator refuses NotNow for a device that never answers it: said here, before anything runs.
    if ('fault' in step && step.fault.kind === 'notNow') {
      const enrollment = enrollments.get(step.fault.device);
      const os = enrollment === undefined ? undefined : operatingSystemOf[enrollment];
      if (os !== undefined && os !== 'iOS' && os !== 'macOS') {
        problems.push(
          at(
            offsetOf(['steps', index, 'fault', 'kind']),
            `NotNow is an Apple MDM status: "${step.fault.device}" (${os}) never answers it.`,
          ),
        );
      }
    }
  });
  if (problems.length > 0) throw new ScenarioFileError(problems);
  const lineOf = (path: readonly PropertyKey[]) => lineCounter.linePos(offsetOf(path)).line;
  const fleetAt = lineCounter.linePos(offsetOf(['fleet']));
  return {
    file,
    scenario: { ...scenario, fleet: expandFleet(scenario.fleet) },
    line: lineOf(['name']),
    stepLines: scenario.steps.map((_, index) => lineOf(['steps', index])),
    fleetAt: { line: fleetAt.line, column: fleetAt.col },
  };
}

export async function loadScenarioFile(file: string): Promise<LoadedScenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ScenarioFileError([
      { file, line: 0, column: 0, message: `Cannot read: ${(error as Error).message}` },
    ]);
  }
  return parseScenario(text, file);
}

/** Loads every file, collecting the problems of all of them before failing. */
export async function loadScenarioFiles(files: readonly string[]): Promise<LoadedScenario[]> {
  const loaded: LoadedScenario[] = [];
  const problems: FileProblem[] = [];
  for (const file of files) {
    try {
      loaded.push(await loadScenarioFile(file));
    } catch (error) {
      if (!(error instanceof ScenarioFileError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new ScenarioFileError(problems);
  return loaded;
}

/**
 * A step that fails every option of the Step union: when it names a kind of step, the issues of that kind's schema
 * (so the line points at the wrong field); otherwise one issue saying which kinds exist.
 */
function explainStepUnion(issue: z.core.$ZodIssue, value: unknown): z.core.$ZodIssue[] {
  const [root, index] = issue.path;
  if (issue.code !== 'invalid_union' || issue.path.length !== 2 || root !== 'steps') return [issue];
  const step = (value as { steps: unknown[] }).steps[Number(index)];
  const keys = step !== null && typeof step === 'object' ? Object.keys(step) : [];
  const kinds = keys.filter((key): key is (typeof STEP_KINDS)[number] =>
    (STEP_KINDS as readonly string[]).includes(key),
  );
  const kind = kinds[0];
  const branch = kind === undefined ? undefined : issue.errors[STEP_KINDS.indexOf(kind)];
  if (kinds.length === 1 && branch && branch.length > 0) {
    return branch.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }));
  }
  const what = keys.length > 0 ? `"${keys.join('", "')}"` : 'nothing';
  return [
    {
      ...issue,
      message: `Step ${Number(index) + 1} has ${what}: expected exactly one of ${STEP_KINDS.join(', ')}`,
    },
  ];
}

function describeUnknownKey(key: string, path: readonly PropertyKey[]): string {
  return `Unexpected field ${key}${path.length > 0 ? ` (at ${path.join('.')})` : ''}.`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
  if (issue.code === 'invalid_value') {
    return `Expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${where}.`;
  }
  return `${issue.message}${where}.`;
}

/** The device names a step refers to, each with the path of the field naming it. */
export function devicesOf(step: Step): Array<[string, PropertyKey[]]> {
  if ('resetPasscode' in step) {
    return typeof step.resetPasscode === 'string'
      ? [[step.resetPasscode, ['resetPasscode']]]
      : [[step.resetPasscode.device, ['resetPasscode', 'device']]];
  }
  if ('readDevice' in step) return [[step.readDevice.device, ['readDevice', 'device']]];
  if ('readDeviceActions' in step) return [[step.readDeviceActions.device, ['readDeviceActions', 'device']]];
  if ('input' in step) return [[step.input.device, ['input', 'device']]];
  if ('fault' in step) return [[step.fault.device, ['fault', 'device']]];
  if ('restartAgents' in step && step.restartAgents !== 'all') {
    return step.restartAgents.map((name, index) => [name, ['restartAgents', index]]);
  }
  if ('expect' in step && step.expect.device !== undefined)
    return [[step.expect.device, ['expect', 'device']]];
  return [];
}
