// The platform support matrix for Remove passcode, kept as data so a later Intune edition can be selected.
import { z } from 'zod';
import { compareVersions, type EnrollmentKind, operatingSystemOf } from './enrollment.js';

export interface SupportRow {
  enrollment: EnrollmentKind;
  /** Inclusive lower bound of the OS version, when the row has one. */
  minOsVersion?: string;
  /** Exclusive upper bound of the OS version, when the row has one. */
  belowOsVersion?: string;
  supported: boolean;
  /** What the admin is told: the seed document's wording. */
  description: string;
}

/**
 * `2018-03` is the seed document (Intune, March 2018; see ../shared/REFERENCE.md section 1): work profile from 7.0.
 * `current` is the page as it later became: work profile from 8.0, fully managed devices supported, iOS User
 * Enrollment not supported.
 */
export const SupportEdition = z.enum(['2018-03', 'current']);
export type SupportEdition = z.infer<typeof SupportEdition>;
/** The seed's edition, the default of the server and of the agents alike. */
export const DEFAULT_SUPPORT_EDITION: SupportEdition = '2018-03';

/**
 * What the portal calls the action: the seed's "Remove passcode" on every platform; today's portal says "Remove
 * passcode" on iOS/iPadOS, which removes the passcode, and "Reset passcode" on Android, which sets a new one
 * (../shared/REFERENCE.md section 1, from the English page's later history).
 */
export function actionNameFor(edition: SupportEdition, enrollment: EnrollmentKind): string {
  if (edition === '2018-03') return 'Remove passcode';
  return operatingSystemOf[enrollment] === 'iOS' ? 'Remove passcode' : 'Reset passcode';
}

/** Rows both editions share: device administrator's 7.0 cut-off, and no desktop platform. */
const unchangedRows: readonly SupportRow[] = [
  {
    enrollment: 'androidDeviceAdministrator',
    belowOsVersion: '7.0',
    supported: true,
    description: 'Android device administrator 6.x and earlier',
  },
  {
    enrollment: 'androidDeviceAdministrator',
    minOsVersion: '7.0',
    supported: false,
    description: 'Android device administrator 7.0 and later',
  },
  { enrollment: 'macOS', supported: false, description: 'macOS' },
  { enrollment: 'windows', supported: false, description: 'Windows' },
];

export const supportMatrices: Record<SupportEdition, readonly SupportRow[]> = {
  '2018-03': [
    { enrollment: 'iosDeviceEnrollment', supported: true, description: 'iOS' },
    { enrollment: 'iosUserEnrollment', supported: true, description: 'iOS' },
    {
      enrollment: 'androidWorkProfile',
      minOsVersion: '7.0',
      supported: true,
      description: 'Android work profile 7.0 and later',
    },
    {
      enrollment: 'androidWorkProfile',
      belowOsVersion: '7.0',
      supported: false,
      description: 'Android work profile 6.x and earlier',
    },
    // The seed's page does not name fully managed devices at all.
    { enrollment: 'androidFullyManaged', supported: false, description: 'Android Enterprise fully managed' },
    ...unchangedRows,
  ],
  current: [
    { enrollment: 'iosDeviceEnrollment', supported: true, description: 'iOS/iPadOS' },
    { enrollment: 'iosUserEnrollment', supported: false, description: 'iOS/iPadOS User Enrollment' },
    {
      enrollment: 'androidWorkProfile',
      minOsVersion: '8.0',
      supported: true,
      description: 'Android Enterprise work profile 8.0 and later',
    },
    {
      enrollment: 'androidWorkProfile',
      belowOsVersion: '8.0',
      supported: false,
      description: 'Android Enterprise work profile 7.x and earlier',
    },
    {
      enrollment: 'androidFullyManaged',
      minOsVersion: '8.0',
      supported: true,
      description: 'Android Enterprise fully managed 8.0 and later',
    },
    {
      enrollment: 'androidFullyManaged',
      belowOsVersion: '8.0',
      supported: false,
      description: 'Android Enterprise fully managed 7.x and earlier',
    },
    ...unchangedRows,
  ],
};

export type SupportDecision = { supported: true; row: SupportRow } | { supported: false; reason: string };

/** The one place that decides whether Remove passcode may be sent to a device. */
export function decideSupport(
  edition: SupportEdition,
  enrollment: EnrollmentKind,
  osVersion: string,
): SupportDecision {
  const row = supportMatrices[edition].find(
    (candidate) =>
      candidate.enrollment === enrollment &&
      (candidate.minOsVersion === undefined || compareVersions(osVersion, candidate.minOsVersion) >= 0) &&
      (candidate.belowOsVersion === undefined || compareVersions(osVersion, candidate.belowOsVersion) < 0),
  );
  const action = actionNameFor(edition, enrollment);
  // Every enrollment kind has a row for every version; this covers a kind added without one, in words an admin reads.
  if (!row) {
    return {
      supported: false,
      reason: `${action} is not supported on ${operatingSystemOf[enrollment]} ${osVersion}.`,
    };
  }
  if (!row.supported) {
    return { supported: false, reason: `${action} is not supported on ${row.description}.` };
  }
  return { supported: true, row };
}

/**
 * Whether an Android work profile of this version gets a passcode reset token, so its user sees "Secure your Work
 * Profile": where the edition supports the reset. The seed (2018-03) describes work profiles from 7.0 with the token and
 * its notification; today's edition, from 8.0, where Android's token APIs begin (`setResetPasswordToken`, API 26; on
 * 7.x a profile owner has none: REFERENCE.md, Platforms). The devices run the Company Portal of their edition.
 */
export const resetTokenAvailable = (edition: SupportEdition, osVersion: string): boolean =>
  decideSupport(edition, 'androidWorkProfile', osVersion).supported;
