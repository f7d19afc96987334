// Where a Graph call goes once authenticated: throttling, admin-side faults, then the route; the HTTP routes and
// $batch both come through here, $batch without an HTTP round trip per sub-request.
import type { GraphAnswer, GraphCall } from './graph-call.js';
import type { GraphVersion } from './graph-resources.js';

/** Synchronous for nearly every call; a promise only while an admin-side fault holds the call. */
export type GraphDispatch = (call: GraphCall) => GraphAnswer | Promise<GraphAnswer>;

/** Each version's dispatch, set by the Graph API plugin and read by that version's $batch. */
export class GraphDispatchers {
  private readonly byVersion = new Map<GraphVersion, GraphDispatch>();

  set(version: GraphVersion, dispatch: GraphDispatch): void {
    this.byVersion.set(version, dispatch);
  }

  get(version: GraphVersion): GraphDispatch {
    const dispatch = this.byVersion.get(version);
    if (!dispatch) throw new Error(`No Graph API is registered for ${version}.`);
    return dispatch;
  }
}
