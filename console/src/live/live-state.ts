// One live picture of the simulation for every view: devices, actions and the clock, kept current by /sim/events,
// and loaded again whenever the stream (re)connects, so a server restart or a network blip never leaves it stale.
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { ClockView, SimAction, SimDevice } from '../types.js';
import { ApiError, type SimApi } from './api.js';

/** `reconnecting` right after the stream drops; `offline` once a few attempts failed (it keeps trying). */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface LiveState {
  devices: SimDevice[];
  clock: ClockView | null;
  /** Real time (performance.now) when `clock` arrived, to move simulated time on between events. */
  clockAt: number;
  status: LiveStatus;
  /** Bumped on every device event: admin views that read Graph refetch when it changes. */
  deviceRevision: number;
  /** Bumped on every action event. */
  actionRevision: number;
  /** Per device id: bumped on each event about that device or its actions, so a view refetches only its own. */
  revisions: Record<string, number>;
  /** Bumped on every (re)load of the whole picture: every view refetches. */
  epoch: number;
  error: string | null;
}

const initial: LiveState = {
  devices: [],
  clock: null,
  clockAt: 0,
  status: 'connecting',
  deviceRevision: 0,
  actionRevision: 0,
  revisions: {},
  epoch: 0,
  error: null,
};

export const LiveContext = createContext<LiveState>(initial);
export const useLive = () => useContext(LiveContext);

const upsert = (devices: SimDevice[], device: SimDevice) => {
  const index = devices.findIndex((existing) => existing.id === device.id);
  if (index === -1) return [...devices, device];
  const copy = devices.slice();
  copy[index] = device;
  return copy;
};

const bump = (revisions: Record<string, number>, id: string) => ({
  ...revisions,
  [id]: (revisions[id] ?? 0) + 1,
});

/** Failed attempts after which the indicator says offline rather than reconnecting. */
const OFFLINE_AFTER = 3;
const MAX_RETRY_MS = 4_000;

/** Opens the event stream, then loads devices and clock; on every reopen (and after a reset) loads them again. */
export function useLiveState(sim: SimApi): LiveState {
  const [state, setState] = useState<LiveState>(initial);
  useEffect(() => {
    let events: EventSource | null = null;
    let failures = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let closed = false;

    const reload = () =>
      Promise.all([sim.devices(), sim.clock()])
        .then(([devices, clock]) =>
          setState((s) => ({
            ...s,
            devices,
            clock,
            clockAt: performance.now(),
            epoch: s.epoch + 1,
            deviceRevision: s.deviceRevision + 1,
            actionRevision: s.actionRevision + 1,
            error: null,
          })),
        )
        .catch((error: Error) => setState((s) => ({ ...s, error: error.message })));

    const connect = () => {
      if (closed) return;
      const source = new EventSource(sim.eventsUrl);
      events = source;
      source.addEventListener('open', () => {
        failures = 0;
        setState((s) => ({ ...s, status: 'live' }));
        void reload();
      });
      source.addEventListener('error', () => {
        // Reconnect ourselves: the browser gives up for good on some failures (a 5xx while the server restarts).
        source.close();
        failures++;
        setState((s) => ({ ...s, status: failures >= OFFLINE_AFTER ? 'offline' : 'reconnecting' }));
        // EventSource does not say why it failed: a refused simulator token would look like a server that is down
        // for ever. One plain request tells them apart, and a refusal is shown as the server words it.
        sim.clock().catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 401)
            setState((s) => ({ ...s, error: error.message }));
        });
        retry = setTimeout(connect, Math.min(MAX_RETRY_MS, 250 * 2 ** failures));
      });
      source.addEventListener('device', (event) => {
        const device = JSON.parse((event as MessageEvent<string>).data) as SimDevice;
        setState((s) => ({
          ...s,
          devices: upsert(s.devices, device),
          deviceRevision: s.deviceRevision + 1,
          revisions: bump(s.revisions, device.id),
        }));
      });
      source.addEventListener('action', (event) => {
        const action = JSON.parse((event as MessageEvent<string>).data) as SimAction;
        setState((s) => ({
          ...s,
          devices: s.devices.map((d) => (d.id === action.deviceId ? { ...d, latestAction: action } : d)),
          actionRevision: s.actionRevision + 1,
          revisions: bump(s.revisions, action.deviceId),
        }));
      });
      source.addEventListener('clock', (event) => {
        const clock = JSON.parse((event as MessageEvent<string>).data) as ClockView;
        setState((s) => ({ ...s, clock, clockAt: performance.now() }));
      });
      source.addEventListener('reset', () => void reload());
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(retry);
      events?.close();
    };
  }, [sim]);
  return state;
}

/** Simulated now, in ms, moving on between clock events at the clock's speed; re-renders every `everyMs`. */
export function useSimulatedNow(everyMs = 500): number | null {
  const { clock, clockAt } = useLive();
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  if (!clock) return null;
  return clock.nowMs + (performance.now() - clockAt) * clock.speed;
}
