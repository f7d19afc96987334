// The end user's side: the phones the trainer chose, side by side (one in presenter mode), and a chooser.
import type { RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useControls } from '../admin/navigation.js';
import { useI18n } from '../i18n/i18n.js';
import { useLive } from '../live/live-state.js';
import { Phone } from './Phone.js';

export const MAX_PHONES = 2;

/** Presenter mode's largest phone (on a full-HD projector), and the space kept below it. */
const PRESENTER_MAX_ZOOM = 1.6;
const PRESENTER_BOTTOM_MARGIN = 8;

/**
 * Presenter mode: the one phone as large as the pane's height allows, up to PRESENTER_MAX_ZOOM, whatever the
 * caption's length does to the tour bar. Null outside presenter mode, and where the page scrolls as one column (the
 * pane then has no height of its own to fill); the stylesheet's sizes apply there.
 */
function usePresenterZoom(presenter: boolean, pane: RefObject<HTMLElement>, shownId: string | undefined) {
  const [zoom, setZoom] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = pane.current;
    if (!presenter || !element) {
      setZoom(null);
      return;
    }
    const fitPhone = () => {
      const phone = element.querySelector<HTMLElement>('.phone');
      if (!phone || getComputedStyle(element).overflowY === 'visible') {
        setZoom(null);
        return;
      }
      const box = phone.getBoundingClientRect();
      const drawnAt = Number.parseFloat(getComputedStyle(phone).zoom) || 1;
      const naturalHeight = box.height / drawnAt;
      const top = box.top - element.getBoundingClientRect().top + element.scrollTop;
      const room = element.clientHeight - top - PRESENTER_BOTTOM_MARGIN;
      const fitted = Math.floor(Math.min(PRESENTER_MAX_ZOOM, room / naturalHeight) * 100) / 100;
      // Only a real change: the phone's own resize (it has just been zoomed) must not set it again.
      setZoom((before) => (before !== null && Math.abs(before - fitted) < 0.015 ? before : fitted));
    };
    fitPhone();
    const observer = new ResizeObserver(fitPhone);
    observer.observe(element);
    const phone = element.querySelector('.phone');
    if (phone) observer.observe(phone);
    return () => observer.disconnect();
  }, [presenter, shownId]);
  return zoom;
}

export function PhonePane() {
  const { m } = useI18n();
  const { devices } = useLive();
  const { phones, showPhones, route } = useControls();
  const pane = useRef<HTMLElement>(null);
  const shown = phones
    .flatMap((id) => devices.filter((device) => device.id === id))
    .slice(0, route.presenter ? 1 : MAX_PHONES);
  const presenterZoom = usePresenterZoom(route.presenter, pane, shown[0]?.id);
  const toggle = (id: string) =>
    showPhones(phones.includes(id) ? phones.filter((p) => p !== id) : [id, ...phones].slice(0, MAX_PHONES));
  return (
    <section class="phones" aria-label={m.phones.landmark} ref={pane}>
      <details class="phone-chooser">
        <summary>{m.phones.choose(shown.length)}</summary>
        <fieldset aria-label={m.phones.chooser}>
          {devices.map((device) => (
            <button
              type="button"
              key={device.id}
              aria-pressed={phones.includes(device.id)}
              onClick={() => toggle(device.id)}
            >
              {device.name}
            </button>
          ))}
        </fieldset>
      </details>
      <div class="phone-row">
        {shown.length === 0 && <p class="hint">{m.phones.none}</p>}
        {shown.map((device) => (
          <Phone key={device.id} device={device} zoom={presenterZoom} />
        ))}
      </div>
    </section>
  );
}
