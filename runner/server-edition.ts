// Against a shared server (--server) the scenario's devices run the support edition the scenario names (the seed's by
// default), and the server runs its own: where that changes what a device shows (an Android work profile's reset
// token), the run stops before its first step and says which edition to name, instead of a device and Graph that
// silently disagree.
import { DEFAULT_SUPPORT_EDITION, resetTokenAvailable, SupportEdition } from '../shared/support-matrix.js';
import type { ScenarioDevice } from './scenario-schema.js';

/** The scenario's devices whose screens differ between the editions (a work profile on 7.x): none, no check. */
export function editionSensitive(devices: readonly ScenarioDevice[]): ScenarioDevice[] {
  return devices.filter(
    (device) =>
      device.enrollment === 'androidWorkProfile' &&
      SupportEdition.options.some(
        (edition) =>
          resetTokenAvailable(edition, device.osVersion) !==
          resetTokenAvailable(DEFAULT_SUPPORT_EDITION, device.osVersion),
      ),
  );
}

/** Why the scenario's devices cannot run against a server of `serverEdition`, or null when they can. */
export function serverEditionProblem(
  devices: readonly ScenarioDevice[],
  devicesEdition: SupportEdition,
  serverEdition: SupportEdition,
): string | null {
  if (serverEdition === devicesEdition) return null;
  const affected = devices.filter(
    (device) =>
      device.enrollment === 'androidWorkProfile' &&
      resetTokenAvailable(devicesEdition, device.osVersion) !==
        resetTokenAvailable(serverEdition, device.osVersion),
  );
  if (affected.length === 0) return null;
  return (
    `the server runs support edition ${serverEdition} and the scenario's devices ${devicesEdition}: ` +
    `${affected.map((device) => `"${device.name}"`).join(', ')} would show another reset token than the server ` +
    `expects. Give the scenario supportEdition: ${serverEdition}.`
  );
}
