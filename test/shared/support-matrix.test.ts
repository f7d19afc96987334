// The Remove passcode support matrix: the seed edition (2018-03), the current edition, and version comparison.
import { describe, expect, it } from 'vitest';
import { compareVersions, EnrollmentKind } from '../../shared/enrollment.js';
import {
  actionNameFor,
  decideSupport,
  type SupportEdition,
  supportMatrices,
} from '../../shared/support-matrix.js';

type Row = [EnrollmentKind, string, boolean];

const seedRows: Row[] = [
  ['iosDeviceEnrollment', '11.2', true],
  ['iosUserEnrollment', '17.4', true],
  ['androidWorkProfile', '7.0', true],
  ['androidWorkProfile', '7.1', true],
  ['androidWorkProfile', '8.0', true],
  ['androidWorkProfile', '6.0.1', false],
  ['androidWorkProfile', '6.0', false],
  ['androidDeviceAdministrator', '6.0.1', true],
  ['androidDeviceAdministrator', '5.1', true],
  ['androidDeviceAdministrator', '7.0', false],
  ['androidDeviceAdministrator', '7.1', false],
  ['androidDeviceAdministrator', '8.0', false],
  ['macOS', '10.13', false],
  ['windows', '10.0', false],
];

const currentRows: Row[] = [
  ['iosDeviceEnrollment', '17.4', true],
  ['iosUserEnrollment', '17.4', false],
  ['androidWorkProfile', '8.0', true],
  ['androidWorkProfile', '14', true],
  ['androidWorkProfile', '7.1', false],
  ['androidWorkProfile', '7.0', false],
  ['androidFullyManaged', '8.0', true],
  ['androidFullyManaged', '7.1', false],
  ['androidDeviceAdministrator', '6.0.1', true],
  ['androidDeviceAdministrator', '7.0', false],
  ['macOS', '14.0', false],
  ['windows', '11', false],
];

function expectDecision(edition: SupportEdition, [enrollment, osVersion, supported]: Row) {
  const decision = decideSupport(edition, enrollment, osVersion);
  expect(decision.supported).toBe(supported);
  if (decision.supported) expect(decision.row.enrollment).toBe(enrollment);
  else expect(decision.reason).toMatch(/not supported/);
}

describe("support matrix, seed edition '2018-03'", () => {
  it.each(seedRows)('%s %s: supported %s', (...row) => expectDecision('2018-03', row));

  it('explains a refusal with the seed wording', () => {
    expect(decideSupport('2018-03', 'androidDeviceAdministrator', '7.0')).toEqual({
      supported: false,
      reason: 'Remove passcode is not supported on Android device administrator 7.0 and later.',
    });
    expect(decideSupport('2018-03', 'androidWorkProfile', '6.0.1')).toMatchObject({
      reason: expect.stringContaining('work profile 6.x and earlier'),
    });
  });

  it('has no row for a fully managed device, so refuses it', () => {
    expect(decideSupport('2018-03', 'androidFullyManaged', '9.0').supported).toBe(false);
  });
});

describe("support matrix, 'current' edition", () => {
  it.each(currentRows)('%s %s: supported %s', (...row) => expectDecision('current', row));

  it("names the action as today's page does: Reset passcode, work profile from 8.0", () => {
    expect(decideSupport('current', 'androidWorkProfile', '7.1')).toEqual({
      supported: false,
      reason: 'Reset passcode is not supported on Android Enterprise work profile 7.x and earlier.',
    });
  });

  it('names it per platform: Remove passcode on iOS/iPadOS, Reset passcode elsewhere', () => {
    expect(actionNameFor('current', 'iosDeviceEnrollment')).toBe('Remove passcode');
    expect(decideSupport('current', 'iosUserEnrollment', '17.4')).toEqual({
      supported: false,
      reason: 'Remove passcode is not supported on iOS/iPadOS User Enrollment.',
    });
    expect(actionNameFor('current', 'androidFullyManaged')).toBe('Reset passcode');
    expect(actionNameFor('current', 'windows')).toBe('Reset passcode');
    // The seed's page used one name for every platform.
    expect(actionNameFor('2018-03', 'androidWorkProfile')).toBe('Remove passcode');
  });
});

describe('every enrollment kind and version', () => {
  it('has a row in both editions, so a refusal names the platform in the words of the page, never an id', () => {
    // Every kind the contract has, so a kind added later without a row fails here.
    const kinds = EnrollmentKind.options;
    for (const edition of ['2018-03', 'current'] as const) {
      for (const kind of kinds) {
        for (const version of ['5.1', '6.0', '7.0', '7.1', '8.0', '10.0', '17.4']) {
          const decision = decideSupport(edition, kind, version);
          if (decision.supported) continue;
          const described = supportMatrices[edition].some((row) =>
            decision.reason.endsWith(` ${row.description}.`),
          );
          expect(described, `${edition} ${kind} ${version}: ${decision.reason}`).toBe(true);
        }
      }
    }
  });
});

describe('compareVersions', () => {
  it.each([
    ['7.0', '7.0', 0],
    ['7', '7.0', 0],
    ['7.0.0', '7', 0],
    ['6.0.1', '7.0', -1],
    ['6.0.1', '6.0', 1],
    ['7.1', '7.0', 1],
    ['10.0', '9.9', 1],
    ['8.0', '10', -1],
  ] as const)('compares %s with %s as %i', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
    expect(Math.sign(compareVersions(b, a))).toBe(sign === 0 ? 0 : -sign);
  });
});
