// A Reset passcode as one request of a Graph JSON batch, as Graph takes it: a write request in a batch needs a body and
// its Content-Type (server/graph/graph-batch.ts), so the action without parameters is sent with `{}`.

export interface BatchedResetPasscode {
  id: string;
  method: 'POST';
  url: string;
  headers: { 'Content-Type': 'application/json' };
  body: Record<string, never>;
}

/** Request `id` of a batch: Reset passcode on managed device `deviceId`. */
export function batchedResetPasscode(id: string, deviceId: string): BatchedResetPasscode {
  return {
    id,
    method: 'POST',
    url: `/deviceManagement/managedDevices/${deviceId}/resetPasscode`,
    headers: { 'Content-Type': 'application/json' },
    body: {},
  };
}
