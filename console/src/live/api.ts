// Every call the console makes, to the Graph subset (with the admin token) and the simulator API: nothing else.
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
      body?.error?.message ?? response.statusText,
    );
  }
  return body as T;
}

// The simulator token comes in the console link's fragment (`#token=…&sim=…`), read before the fragment is hidden.
const SIM_TOKEN_KEY = 'mdmsim.simToken';
const simInLink = /(?:^#|&)sim=([^&]+)/.exec(window.location.hash)?.[1];
if (simInLink) sessionStorage.setItem(SIM_TOKEN_KEY, decodeURIComponent(simInLink));
const simToken = () => sessionStorage.getItem(SIM_TOKEN_KEY) ?? '';
const simAuth = () => ({ authorization: `Bearer ${simToken()}` });
/** EventSource cannot send headers: the event stream alone takes the token in its query. */
export const simEventsUrl = () => `/sim/events?access_token=${encodeURIComponent(simToken())}`;

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...simAuth() },
  body: JSON.stringify(body),
});

export function graphApi(token: string) {
  const auth = { authorization: `Bearer ${token}` };
  /** Follows @odata.nextLink until the collection ends. */
  async function all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    while (next) {
      const page: { value: T[]; '@odata.nextLink'?: string } = await call(next, { headers: auth });
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
      call<ManagedDevice>(`/beta/deviceManagement/managedDevices/${encodeURIComponent(id)}`, {
        headers: auth,
      }),
    resetPasscode: (id: string) =>
      call<void>(`/beta/deviceManagement/managedDevices/${encodeURIComponent(id)}/resetPasscode`, {
        method: 'POST',
        headers: auth,
      }),
    remoteActionAudits: () => all<RemoteActionAudit>('/beta/deviceManagement/remoteActionAudits'),
  };
}
export type GraphApi = ReturnType<typeof graphApi>;

export const simApi = {
  devices: () =>
    call<{ devices: SimDevice[] }>('/sim/devices', { headers: simAuth() }).then((body) => body.devices),
  input: (id: string, input: UserInput) =>
    call<SimDevice>(`/sim/devices/${encodeURIComponent(id)}/input`, json(input)),
  clock: () => call<ClockView>('/sim/clock', { headers: simAuth() }),
  setClock: (change: { advanceMs?: number; speed?: number }) => call<ClockView>('/sim/clock', json(change)),
};
