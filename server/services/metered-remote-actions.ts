// Prometheus counts of Remove passcode requests by outcome, as a wrapper around the remote-action service.
import { Counter } from 'prom-client';
import type { ActionRecord } from '../store/store.js';
import type { ActionCaller, RemoteActionService, ResetPasscodeOutcome } from './remote-actions.js';

export class MeteredRemoteActions implements RemoteActionService {
  /** Not in any registry yet: the metrics plugin registers it with the rest of /metrics. */
  readonly requests = new Counter({
    name: 'mdmsim_reset_passcode_requests_total',
    help: 'Remove passcode requests by outcome: accepted, notSupported, notFound.',
    labelNames: ['outcome'] as const,
    registers: [],
  });

  constructor(private readonly next: RemoteActionService) {}

  resetPasscode(deviceId: string, initiatedBy: string, caller?: ActionCaller): ResetPasscodeOutcome {
    const outcome = this.next.resetPasscode(deviceId, initiatedBy, caller);
    this.requests.inc({ outcome: outcome.kind });
    return outcome;
  }

  get(actionId: string): ActionRecord | undefined {
    return this.next.get(actionId);
  }

  list(): ActionRecord[] {
    return this.next.list();
  }

  latestFor(deviceId: string): ActionRecord | undefined {
    return this.next.latestFor(deviceId);
  }

  visiblePasscode(action: ActionRecord): string | null {
    return this.next.visiblePasscode(action);
  }
}
