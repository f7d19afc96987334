// Every call the console makes, to the Graph subset and the simulator API, each with its own credential: nothing else.
import type { ClockView, ManagedDevice, RemoteActionAudit, SimDevice, UserInput } from '../types.js';

/** A refused request, with the server's own error code and message for the user to read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The tokens the console holds: the admin's for Graph, the simulator's for /sim (the server prints both). */
export interface Credentials {
  admin: string;
  sim: string;
}

/** The headers each API wants. */
const authFor = {
  graph: (credentials: Credentials): Record<string, string> => ({
    authorization: `Bearer ${credentials.admin}`,
  }),
  sim: (credentials: Credentials): Record<string, string> => ({
    authorization: `Bearer ${credentials.sim}`,
  }),
};

/** Intune's errors carry its own JSON document as the message (server/graph/intune-error.ts): show its phrase. */
function readableMessage(message: string): string {
  if (!message.startsWith('{')) return message;
  try {
    const inner = JSON.parse(message) as { Message?: unknown };
    return typeof inner.Message === 'string'
      ? (inner.Message.split(' - Operation ID')[0] ?? message)
      : message;
  } catch {
    return message;
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, init);
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => null)) as
    | (T & { error?: { code?: string; message?: string } })
    | null;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body?.error?.code ?? `HTTP ${response.status}`,
      readableMessage(body?.error?.message ?? response.statusText),
    );
  }
  return body as T;
}

const post = (headers: Record<string, string>, body: unknown): RequestInit => ({
  method: 'POST',
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function graphApi(credentials: Credentials) {
  const headers = authFor.graph(credentials);
  /** Follows @odata.nextLink until the collection ends. */
  async function all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    while (next) {
      const page: { value: T[]; '@odata.nextLink'?: string } = await call(next, { headers });
      items.push(...page.value);
      const link = page['@odata.nextLink'];
      const url = link ? new URL(link, window.location.href) : undefined;
      next = url ? url.pathname + url.search : undefined;
    }
    return items;
  }
  return {
    managedDevices: () => all<ManagedDevice>('/beta/deviceManagement/managedDevices'),
    managedDevice: (id: string) =>
      call<ManagedDevice>(`/beta/deviceManagement/managedDevices/${encodeURIComponent(id)}`, { headers }),
    resetPasscode: (id: string) =>
      call<void>(`/beta/deviceManagement/managedDevices/${encodeURIComponent(id)}/resetPasscode`, {
        method: 'POST',
        headers,
      }),
    remoteActionAudits: () => all<RemoteActionAudit>('/beta/deviceManagement/remoteActionAudits'),
  };
}
export type GraphApi = ReturnType<typeof graphApi>;

export interface ResetOutcome {
  reset: string[];
  offline: string[];
  unknown: string[];
}

export function simApi(credentials: Credentials) {
  const headers = authFor.sim(credentials);
  return {
    /** Where the live event stream is (EventSource cannot send headers: the stream takes the token in its query). */
    eventsUrl: `/sim/events?access_token=${encodeURIComponent(credentials.sim)}`,
    devices: () => call<{ devices: SimDevice[] }>('/sim/devices', { headers }).then((body) => body.devices),
    input: (id: string, input: UserInput) =>
      call<SimDevice>(`/sim/devices/${encodeURIComponent(id)}/input`, post(headers, input)),
    clock: () => call<ClockView>('/sim/clock', { headers }),
    setClock: (change: { advanceMs?: number; speed?: number }) =>
      call<ClockView>('/sim/clock', post(headers, change)),
    reset: (deviceIds?: string[]) =>
      call<ResetOutcome>('/sim/reset', post(headers, deviceIds ? { deviceIds } : {})),
  };
}
export type SimApi = ReturnType<typeof simApi>;
