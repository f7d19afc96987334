// The audit line of every accepted Remove passcode, as a wrapper around the remote-action service (nanomdm's way).
import { ForwardingRemoteActions } from './forwarding-remote-actions.js';
import type { ActionCaller, RemoteActionService, ResetPasscodeOutcome } from './remote-actions.js';

export class AuditedRemoteActions extends ForwardingRemoteActions {
  constructor(
    next: RemoteActionService,
    /** Where the line goes when the caller brings no logger of its own. */
    private readonly fallback: ActionCaller,
    /** The store's open batch, if any: the line is written once the accepted action is on disk, never before. */
    private readonly committed: () => Promise<void> | undefined = () => undefined,
  ) {
    super(next);
  }

  override resetPasscode(deviceId: string, initiatedBy: string, caller?: ActionCaller): ResetPasscodeOutcome {
    const outcome = this.next.resetPasscode(deviceId, initiatedBy, caller);
    // Who asked is in the action (initiatedBy) and the request's own log fields; the passcode never is.
    if (outcome.kind === 'accepted') {
      const actionId = outcome.action.id;
      const committed = this.committed();
      if (committed) committed.then(() => this.audit(deviceId, actionId, caller), ignoreFailedCommit);
      else this.audit(deviceId, actionId, caller);
    }
    return outcome;
  }

  private audit(deviceId: string, actionId: string, caller: ActionCaller | undefined): void {
    (caller ?? this.fallback).log.info({ deviceId, actionId }, 'resetPasscode accepted');
  }
}

/** A batch that did not commit is logged by the store; its action was never accepted, so there is no audit line. */
function ignoreFailedCommit(): void {}
