// The guided tour's caption bar: pick a section of the seed, then step with Next and Back through live devices.
import { useEffect, useState } from 'preact/hooks';
import { useControls } from '../admin/navigation.js';
import { useLive } from '../live/live-state.js';
import type { SimDevice } from '../types.js';
import { stepDevice, type Tour, tours } from './tours.js';

export function TourBar() {
  const controls = useControls();
  const { devices } = useLive();
  const [tour, setTour] = useState<Tour | null>(null);
  const [index, setIndex] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const byName = (name: string): SimDevice => {
    const found = devices.find((device) => device.name === name);
    if (!found) throw new Error(`This fleet has no device named "${name}".`);
    return found;
  };
  const step = tour?.steps[index];

  // Entering a step shows its blade and its device's phone.
  useEffect(() => {
    if (!tour || !step) return;
    setError(null);
    const name = stepDevice(tour, index);
    const device = devices.find((d) => d.name === name);
    if (!device) {
      setError(`This fleet has no device named "${name}".`);
      return;
    }
    controls.goAdmin(step.admin === 'device' ? { view: 'device', id: device.id } : { view: step.admin });
    controls.showPhones([device.id]);
  }, [tour, index, devices.length > 0]);

  const run = async () => {
    if (!step?.act) return;
    setBusy(true);
    setError(null);
    try {
      await step.act.run({ graph: controls.graph, device: byName });
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!tour || !step) {
    return (
      <section class="tour" aria-label="Guided tour">
        <span class="tour-title">Guided tour:</span>
        {tours.map((t) => (
          <button
            type="button"
            key={t.id}
            onClick={() => {
              setTour(t);
              setIndex(0);
            }}
          >
            {t.title}
          </button>
        ))}
      </section>
    );
  }
  return (
    <section class="tour active" aria-label="Guided tour">
      <span class="tour-title">
        {tour.title} · {index + 1}/{tour.steps.length}
      </span>
      <p class="caption" aria-live="polite">
        {step.caption}
      </p>
      {step.act && (
        <button type="button" class="primary" disabled={busy} onClick={run}>
          ▶ {step.act.label}
        </button>
      )}
      <button type="button" disabled={index === 0} onClick={() => setIndex(index - 1)}>
        Back
      </button>
      {index < tour.steps.length - 1 ? (
        <button type="button" onClick={() => setIndex(index + 1)}>
          Next
        </button>
      ) : (
        <button type="button" onClick={() => setTour(null)}>
          Finish
        </button>
      )}
      <button type="button" aria-label="Close tour" onClick={() => setTour(null)}>
        ✕
      </button>
      {error && (
        <span role="alert" class="error">
          {error}
        </span>
      )}
    </section>
  );
}
