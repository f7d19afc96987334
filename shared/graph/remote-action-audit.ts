// remoteActionAudit (beta only) as Graph publishes it: the portal's Device actions list.
import { z } from 'zod';
import { ActionState } from './device-action-result.js';

export const RemoteActionAudit = z.strictObject({
  id: z.string(),
  deviceDisplayName: z.string().nullable(),
  userName: z.string().nullable(),
  initiatedByUserPrincipalName: z.string().nullable(),
  /** remoteAction: mdmsim only runs resetPasscode. */
  action: z.enum(['resetPasscode']),
  requestDateTime: z.iso.datetime(),
  deviceOwnerUserPrincipalName: z.string().nullable(),
  deviceIMEI: z.string().nullable(),
  actionState: ActionState,
  managedDeviceId: z.string().nullable(),
  deviceActionCategory: z.enum(['single', 'bulk']),
  bulkDeviceActionId: z.string().nullable(),
});
export type RemoteActionAudit = z.infer<typeof RemoteActionAudit>;
