// A fleet whose devices run another support edition's Company Portal than the server's: told once per fleet, since
// its work profiles' "Secure your Work Profile" and reset tokens would then disagree with what Graph answers the admin.
import type { FastifyBaseLogger } from 'fastify';
import type { DeviceMessage } from '../../shared/protocol.js';
import { resetTokenAvailable, type SupportEdition } from '../../shared/support-matrix.js';

type Hello = Extract<DeviceMessage, { type: 'hello' }>;

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

/** Checks each hello of one server (its gateway's): warns the first time a fleet's device shows another edition. */
export type EditionCheck = (hello: Hello, log: FastifyBaseLogger) => void;

export function editionMismatchWarner(edition: SupportEdition): EditionCheck {
  /** Fleets already told of. */
  const told = new Set<string>();
  return (hello, log) => {
    if (!showsOtherEdition(hello, edition) || told.has(hello.fleet)) return;
    told.add(hello.fleet);
    log.warn(
      {
        fleet: hello.fleet,
        osVersion: hello.inventory.osVersion,
        resetToken: hello.state.resetToken,
        edition,
      },
      `fleet "${hello.fleet}" runs another support edition than this server (${edition}): its Android work profile ` +
        `${hello.inventory.osVersion} reports reset token "${hello.state.resetToken}". Start its agents with this ` +
        `server's edition (--support-edition ${edition}, MDMSIM_SUPPORT_EDITION).`,
    );
  };
}
