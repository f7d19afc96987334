// What every view may reach: the APIs, where the console is (its route), and how to move somewhere else.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { GraphApi, SimApi } from '../live/api.js';
import type { AdminView, Route } from './route.js';

export type { AdminView };

export interface ConsoleControls {
  graph: GraphApi;
  sim: SimApi;
  route: Route;
  navigate(change: (route: Route) => Route, options?: { replace?: boolean }): void;
  goAdmin(view: AdminView): void;
  /** Device ids whose phones are on screen, first one leftmost. */
  phones: string[];
  showPhones(ids: string[]): void;
  /** The server's support edition (the tours name its Android version limits); action names come per device. */
  edition: string;
}

export const ControlsContext = createContext<ConsoleControls | null>(null);

export function useControls(): ConsoleControls {
  const controls = useContext(ControlsContext);
  if (!controls) throw new Error('useControls outside the console.');
  return controls;
}
