// One live picture of the simulation for every view: devices, actions and the clock, kept current by /sim/events.
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { ClockView, SimAction, SimDevice } from '../types.js';
import { simApi, simEventsUrl } from './api.js';

export interface LiveState {
  devices: SimDevice[];
  clock: ClockView | null;
  /** Real time (performance.now) when `clock` arrived, to move simulated time on between events. */
  clockAt: number;
  /** Whether the event stream is open. */
  streaming: boolean;
  /** Bumped on every device event: admin views that read Graph refetch when it changes. */
  deviceRevision: number;
  /** Bumped on every action event. */
  actionRevision: number;
  /** Per device id: bumped on each event about that device or its actions, so a view refetches only its own. */
  revisions: Record<string, number>;
  error: string | null;
}

const initial: LiveState = {
  devices: [],
  clock: null,
  clockAt: 0,
  streaming: false,
  deviceRevision: 0,
  actionRevision: 0,
  revisions: {},
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

/** Opens the event stream first, then loads the current devices and clock, so no change falls in between. */
export function useLiveState(): LiveState {
  const [state, setState] = useState<LiveState>(initial);
  useEffect(() => {
    const events = new EventSource(simEventsUrl());
    events.addEventListener('open', () => setState((s) => ({ ...s, streaming: true, error: null })));
    events.addEventListener('error', () => setState((s) => ({ ...s, streaming: false })));
    events.addEventListener('device', (event) => {
      const device = JSON.parse((event as MessageEvent<string>).data) as SimDevice;
      setState((s) => ({
        ...s,
        devices: upsert(s.devices, device),
        deviceRevision: s.deviceRevision + 1,
        revisions: bump(s.revisions, device.id),
      }));
    });
    events.addEventListener('action', (event) => {
      const action = JSON.parse((event as MessageEvent<string>).data) as SimAction;
      setState((s) => ({
        ...s,
        devices: s.devices.map((d) => (d.id === action.deviceId ? { ...d, latestAction: action } : d)),
        actionRevision: s.actionRevision + 1,
        revisions: bump(s.revisions, action.deviceId),
      }));
    });
    events.addEventListener('clock', (event) => {
      const clock = JSON.parse((event as MessageEvent<string>).data) as ClockView;
      setState((s) => ({ ...s, clock, clockAt: performance.now() }));
    });
    simApi
      .devices()
      .then((devices) =>
        setState((s) => ({
          ...s,
          // A device event that arrived while loading is newer than the list.
          devices: devices.map((d) => s.devices.find((e) => e.id === d.id) ?? d),
        })),
      )
      .catch((error: Error) => setState((s) => ({ ...s, error: error.message })));
    return () => events.close();
  }, []);
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
