// A remote action as the simulator shows it (/sim, its event stream, the console and the runner): one schema for all.
import { z } from 'zod';

/** Graph's actionState values, as far as Remove passcode reaches them. */
export const ActionState = z.enum(['pending', 'active', 'done', 'failed', 'notSupported']);
export type ActionState = z.infer<typeof ActionState>;

/** The states an action never leaves. */
export const FINAL_ACTION_STATES: ReadonlySet<ActionState> = new Set<ActionState>([
  'done',
  'failed',
  'notSupported',
]);

export const isFinalActionState = (state: ActionState): boolean => FINAL_ACTION_STATES.has(state);

export const ActionView = z.strictObject({
  id: z.string(),
  deviceId: z.string(),
  action: z.literal('resetPasscode'),
  state: ActionState,
  initiatedBy: z.string(),
  requestedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Android: the temporary passcode, shown once the action is done (for seven days), else null. */
  passcode: z.string().nullable(),
  errorCode: z.number().int().nullable(),
  errorDescription: z.string().nullable(),
});
export type ActionView = z.infer<typeof ActionView>;
