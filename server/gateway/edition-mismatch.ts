// A fleet whose devices run another support edition's Company Portal than the server's: told once per fleet, since
// its work profiles' "Secure your Work Profile" and reset tokens would then disagree with what Graph answers the admin.
import type { FastifyBaseLogger } from 'fastify';
import type { DeviceMessage } from '../../shared/protocol.js';
import { resetTokenAvailable, type SupportEdition } from '../../shared/support-matrix.js';

type Hello = Extract<DeviceMessage, { type: 'hello' }>;

/** Fleets already told of, per server (its remote actions, one per app). */
const told = new WeakMap<object, Set<string>>();

/**
 * Whether a work profile's hello shows the other edition's token rule: a token where this edition has none (the
 * seed's 7.x against today's edition), or none under a required passcode where this edition creates one. Android
 * creates the token whenever a work profile passcode is required, so nothing else explains either.
 */
export function showsOtherEdition(hello: Hello, edition: SupportEdition): boolean {
  if (hello.inventory.enrollment !== 'androidWorkProfile') return false;
  const hasToken = hello.state.resetToken !== null && hello.state.resetToken !== 'none';
  const expectsToken =
    hello.inventory.policy?.passcodeRequired === true &&
    resetTokenAvailable(edition, hello.inventory.osVersion);
  return hasToken !== expectsToken;
}

/** Logs a warning the first time a fleet's device shows another edition than `edition`; `server` keys the memory. */
export function warnOfEditionMismatch(
  hello: Hello,
  edition: SupportEdition,
  server: object,
  log: FastifyBaseLogger,
): void {
  if (!showsOtherEdition(hello, edition)) return;
  const fleets = told.get(server) ?? new Set<string>();
  told.set(server, fleets);
  if (fleets.has(hello.fleet)) return;
  fleets.add(hello.fleet);
  log.warn(
    { fleet: hello.fleet, osVersion: hello.inventory.osVersion, resetToken: hello.state.resetToken, edition },
    `fleet "${hello.fleet}" runs another support edition than this server (${edition}): its Android work profile ` +
      `${hello.inventory.osVersion} reports reset token "${hello.state.resetToken}". Start its agents with this ` +
      `server's edition (--support-edition ${edition}, MDMSIM_SUPPORT_EDITION).`,
  );
}
