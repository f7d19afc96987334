// The stored records as zod schemas: a durable store checks every row it reads in, so a damaged file is named, not served.
import { z } from 'zod';
import { CommandRequest } from '../../shared/commands.js';
import { DeviceState } from '../../shared/device-state.js';
import { Inventory } from '../../shared/inventory.js';
import type { ActionRecord, DeviceRecord, QueuedCommand } from './store.js';

const Id = z.string().min(1).max(256);
const Time = z.number().int().nonnegative();

export const DeviceRecordSchema = z.strictObject({
  id: Id,
  fleet: z.string().min(1),
  secretHash: z.string().regex(/^[0-9a-f]{64}$/),
  inventory: Inventory,
  unlockToken: z.string().nullable(),
  state: DeviceState,
  enrolledAt: Time,
  lastSyncAt: Time,
  connected: z.boolean(),
}) satisfies z.ZodType<DeviceRecord>;

export const ActionRecordSchema = z.strictObject({
  id: Id,
  deviceId: Id,
  action: z.literal('resetPasscode'),
  state: z.enum(['pending', 'active', 'done', 'failed', 'notSupported']),
  initiatedBy: z.string(),
  requestedAt: Time,
  updatedAt: Time,
  passcode: z.string().nullable(),
  errorCode: z.number().int().nullable(),
  errorDescription: z.string().nullable(),
}) satisfies z.ZodType<ActionRecord>;

export const QueuedCommandSchema = z.strictObject({
  commandId: Id,
  actionId: Id,
  deviceId: Id,
  request: CommandRequest,
  sent: z.boolean(),
  notNowCount: z.number().int().nonnegative(),
}) satisfies z.ZodType<QueuedCommand>;

export class StoreCorruptError extends Error {
  constructor(where: string, detail: string) {
    super(`The store ${where} is damaged: ${detail}`);
    this.name = 'StoreCorruptError';
  }
}

/** Parses a stored JSON text as `schema`, or throws a StoreCorruptError naming `where` and the first bad field. */
export function readRecord<T>(schema: z.ZodType<T>, text: unknown, where: string): T {
  let json: unknown;
  try {
    json = typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (json === undefined) throw new StoreCorruptError(where, 'not JSON text.');
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreCorruptError(
      where,
      `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}.`,
    );
  }
  return parsed.data;
}
