// The console's place in the URL fragment (#/devices/<id>?phones=…&tour=…&step=…), so reload and Back keep it.
import { useEffect, useRef, useState } from 'preact/hooks';

export type AdminView = { view: 'devices' } | { view: 'device'; id: string } | { view: 'actions' };

export interface Route {
  admin: AdminView;
  /** Device ids whose phones are on screen; null until the trainer chooses. */
  phones: string[] | null;
  tour: string | null;
  /** 0-based step of the tour. */
  step: number;
  presenter: boolean;
}

const home: Route = { admin: { view: 'devices' }, phones: null, tour: null, step: 0, presenter: false };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  const admin: AdminView =
    parts[0] === 'actions'
      ? { view: 'actions' }
      : parts[0] === 'devices' && parts[1]
        ? { view: 'device', id: parts[1] }
        : { view: 'devices' };
  const phones = params.get('phones');
  const step = Number.parseInt(params.get('step') ?? '0', 10);
  return {
    admin,
    phones: phones === null ? null : phones.split(',').filter(Boolean),
    tour: params.get('tour'),
    step: Number.isFinite(step) && step >= 0 ? step : 0,
    presenter: params.get('presenter') === '1',
  };
}

export function routeHash(route: Route): string {
  const path =
    route.admin.view === 'device'
      ? `/devices/${encodeURIComponent(route.admin.id)}`
      : route.admin.view === 'actions'
        ? '/actions'
        : '/devices';
  const params = new URLSearchParams();
  if (route.phones) params.set('phones', route.phones.join(','));
  if (route.tour) {
    params.set('tour', route.tour);
    params.set('step', String(route.step));
  }
  if (route.presenter) params.set('presenter', '1');
  const query = params.toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

/** The current route and a way to change it: a new history entry, or in place with `replace`. */
export function useRoute(): [
  Route,
  (change: (route: Route) => Route, options?: { replace?: boolean }) => void,
] {
  const [route, setRoute] = useState<Route>(() => (location.hash ? parseRoute(location.hash) : home));
  const current = useRef(route);
  useEffect(() => {
    const onPop = () => {
      current.current = parseRoute(location.hash);
      setRoute(current.current);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = (change: (route: Route) => Route, options: { replace?: boolean } = {}) => {
    const next = change(current.current);
    const hash = routeHash(next);
    current.current = next;
    if (hash !== location.hash) {
      if (options.replace) history.replaceState(null, '', hash);
      else history.pushState(null, '', hash);
    }
    setRoute(next);
  };
  return [route, navigate];
}
