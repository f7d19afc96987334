// The base of every wrapper around the remote-action service: it forwards each call to `next`, so a wrapper
// overrides only the calls it adds something to (nanomdm's service middleware).
import type { ActionRecord, ListingSequence } from '../store/store.js';
import type { ActionCaller, RemoteActionService, ResetPasscodeOutcome } from './remote-actions.js';

export abstract class ForwardingRemoteActions implements RemoteActionService {
  constructor(protected readonly next: RemoteActionService) {}

  resetPasscode(deviceId: string, initiatedBy: string, caller?: ActionCaller): ResetPasscodeOutcome {
    return this.next.resetPasscode(deviceId, initiatedBy, caller);
  }

  get(actionId: string): ActionRecord | undefined {
    return this.next.get(actionId);
  }

  list(): ActionRecord[] {
    return this.next.list();
  }

  ids(): readonly string[] {
    return this.next.ids();
  }

  sequenceOf(actionId: string): ListingSequence | undefined {
    return this.next.sequenceOf(actionId);
  }

  latestFor(deviceId: string): ActionRecord | undefined {
    return this.next.latestFor(deviceId);
  }

  visiblePasscode(action: ActionRecord): string | null {
    return this.next.visiblePasscode(action);
  }
}
