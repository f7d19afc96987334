// Where the admin side is (the portal's blades), shared by the admin pane, the phones and the guided tour.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { GraphApi } from '../live/api.js';

export type AdminView = { view: 'devices' } | { view: 'device'; id: string } | { view: 'actions' };

export interface ConsoleControls {
  graph: GraphApi;
  admin: AdminView;
  goAdmin(view: AdminView): void;
  /** Device ids whose phones are on screen, first one leftmost. */
  phones: string[];
  showPhones(ids: string[]): void;
}

export const ControlsContext = createContext<ConsoleControls | null>(null);

export function useControls(): ConsoleControls {
  const controls = useContext(ControlsContext);
  if (!controls) throw new Error('useControls outside the console.');
  return controls;
}
