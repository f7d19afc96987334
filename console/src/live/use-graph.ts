// Loads a Graph resource and loads it again (debounced) whenever the live event stream says something changed.
import { useEffect, useRef, useState } from 'preact/hooks';

export interface GraphData<T> {
  data: T | null;
  error: string | null;
}

/**
 * `load` runs now and again ~100 ms after `revision` changes; a late answer never overwrites a newer one. A failed
 * load keeps the last data, and the next revision (the stream reconnecting bumps every one) loads again.
 */
export function useGraph<T>(load: () => Promise<T>, revision: unknown, key: unknown): GraphData<T> {
  const [state, setState] = useState<GraphData<T>>({ data: null, error: null });
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => setState({ data: null, error: null }), [key]);
  useEffect(() => {
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      loader
        .current()
        .then((data) => ticket === latest.current && setState({ data, error: null }))
        .catch(
          (error: Error) => ticket === latest.current && setState((s) => ({ ...s, error: error.message })),
        );
    }, 100);
    return () => clearTimeout(timer);
  }, [revision, key]);
  return state;
}
