// The guided tour's caption bar: starting a tour resets its devices; Next/Back (or →, PageDown, ←, PageUp) step through.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useControls } from '../admin/navigation.js';
import { actionNameOf, actionNameWithoutDevice, useI18n } from '../i18n/i18n.js';
import { useLive } from '../live/live-state.js';
import type { SimDevice } from '../types.js';
import { type CaptionFacts, stepDevice, tours } from './tours.js';

/** Keys a presenter clicker sends, and the arrows. */
const NEXT_KEYS = new Set(['ArrowRight', 'PageDown']);
const BACK_KEYS = new Set(['ArrowLeft', 'PageUp']);

const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function TourBar() {
  const { m } = useI18n();
  const controls = useControls();
  const { route, navigate } = controls;
  const { devices, epoch } = useLive();
  const [busy, setBusy] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bar = useRef<HTMLElement>(null);
  const tour = tours.find((t) => t.id === route.tour) ?? null;
  const index = tour ? Math.min(route.step, tour.steps.length - 1) : 0;
  const step = tour?.steps[index];
  // The step's device decides the action's name (Remove passcode on iOS, Reset passcode on Android in today's portal).
  const stepDeviceView = tour ? devices.find((device) => device.name === stepDevice(tour, index)) : undefined;
  const facts: CaptionFacts = {
    actionName: stepDeviceView
      ? actionNameOf(m, stepDeviceView)
      : actionNameWithoutDevice(m, controls.edition),
    workProfileFrom: m.workProfileFrom[controls.edition] ?? '',
    workProfileUnsupported: m.workProfileUnsupported[controls.edition] ?? '',
  };

  const byName = (name: string): SimDevice => {
    const found = devices.find((device) => device.name === name);
    if (!found) throw new Error(m.tour.noDevice(name));
    return found;
  };
  const goTo = (next: number) => navigate((r) => ({ ...r, step: next }));
  const close = () => navigate((r) => ({ ...r, tour: null, step: 0 }));

  // Entering a step shows its blade and its device's phone (and again once the devices are loaded).
  useEffect(() => {
    if (!tour || !step) return;
    setError(null);
    const name = stepDevice(tour, index);
    const device = devices.find((d) => d.name === name);
    if (!device) {
      if (devices.length > 0) setError(m.tour.noDevice(name));
      return;
    }
    navigate(
      (r) => ({
        ...r,
        admin: step.admin === 'device' ? { view: 'device', id: device.id } : { view: step.admin },
        phones: [device.id],
      }),
      { replace: true },
    );
  }, [tour?.id, index, devices.length > 0, epoch > 0]);

  // The step on screen now: a key pressed between a step's render and this effect's next run must not step from the
  // step before (the listener below is re-attached only after the paint).
  const shown = useRef(index);
  shown.current = index;

  // A presenter's clicker (PageDown/PageUp) and the arrow keys step the tour, unless the trainer is typing.
  useEffect(() => {
    if (!tour) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || typingIn(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const at = shown.current;
      if (NEXT_KEYS.has(event.key) && at < tour.steps.length - 1) {
        event.preventDefault();
        goTo(at + 1);
      } else if (BACK_KEYS.has(event.key) && at > 0) {
        event.preventDefault();
        goTo(at - 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tour?.id, index]);

  const start = async (id: string) => {
    const chosen = tours.find((t) => t.id === id);
    if (!chosen) return;
    setStarting(true);
    setError(null);
    try {
      const ids = chosen.devices.map((name) => byName(name).id);
      await controls.sim.reset(ids);
      navigate((r) => ({ ...r, tour: id, step: 0 }));
      bar.current?.focus();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setStarting(false);
    }
  };

  const run = async () => {
    if (!step?.act) return;
    setBusy(true);
    setError(null);
    try {
      await step.act.run({ graph: controls.graph, sim: controls.sim, m, device: byName });
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!tour || !step) {
    return (
      <section class="tour" aria-label={m.tour.landmark} ref={bar} tabIndex={-1}>
        <span class="tour-title">{m.tour.pick}</span>
        {tours.map((t) => (
          <button type="button" key={t.id} disabled={starting} onClick={() => start(t.id)}>
            {m.tour.titles[t.id]}
          </button>
        ))}
        {starting && <span role="status">{m.tour.starting}</span>}
        {error && (
          <span role="alert" class="error">
            {error}
          </span>
        )}
      </section>
    );
  }
  return (
    <section class="tour active" aria-label={m.tour.landmark} ref={bar} tabIndex={-1}>
      <span class="tour-title">
        {m.tour.titles[tour.id]} · {index + 1}/{tour.steps.length}
      </span>
      <p class="caption" aria-live="polite">
        {step.caption(m, facts)}
      </p>
      <div class="tour-buttons">
        {step.act && (
          <button type="button" class="primary" disabled={busy} onClick={run}>
            ▶ {step.act.label(m, facts)}
          </button>
        )}
        <button type="button" disabled={index === 0} onClick={() => goTo(index - 1)} title={m.tour.keys}>
          {m.tour.back}
        </button>
        {index < tour.steps.length - 1 ? (
          <button type="button" onClick={() => goTo(index + 1)} title={m.tour.keys}>
            {m.tour.next}
          </button>
        ) : (
          <button type="button" onClick={close}>
            {m.tour.finish}
          </button>
        )}
        <button type="button" aria-label={m.tour.close} onClick={close}>
          ✕
        </button>
      </div>
      {error && (
        <span role="alert" class="error">
          {error}
        </span>
      )}
    </section>
  );
}
