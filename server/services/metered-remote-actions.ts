// Prometheus counts of Remove passcode requests by outcome, as a wrapper around the remote-action service.
import { Counter } from 'prom-client';
import { ForwardingRemoteActions } from './forwarding-remote-actions.js';
import type { ActionCaller, ResetPasscodeOutcome } from './remote-actions.js';

export class MeteredRemoteActions extends ForwardingRemoteActions {
  /** Not in any registry yet: the metrics plugin registers it with the rest of /metrics. */
  readonly requests = new Counter({
    name: 'mdmsim_reset_passcode_requests_total',
    help: 'Remove passcode requests by outcome: accepted, notSupported, notFound.',
    labelNames: ['outcome'] as const,
    registers: [],
  });

  override resetPasscode(deviceId: string, initiatedBy: string, caller?: ActionCaller): ResetPasscodeOutcome {
    const outcome = this.next.resetPasscode(deviceId, initiatedBy, caller);
    this.requests.inc({ outcome: outcome.kind });
    return outcome;
  }
}
