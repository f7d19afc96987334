// The end user's side: the phones the trainer chose, side by side (one in presenter mode), and a chooser.
import { useControls } from '../admin/navigation.js';
import { useI18n } from '../i18n/i18n.js';
import { useLive } from '../live/live-state.js';
import { Phone } from './Phone.js';

export const MAX_PHONES = 2;

export function PhonePane() {
  const { m } = useI18n();
  const { devices } = useLive();
  const { phones, showPhones, route } = useControls();
  const shown = phones
    .flatMap((id) => devices.filter((device) => device.id === id))
    .slice(0, route.presenter ? 1 : MAX_PHONES);
  const toggle = (id: string) =>
    showPhones(phones.includes(id) ? phones.filter((p) => p !== id) : [id, ...phones].slice(0, MAX_PHONES));
  return (
    <section class="phones" aria-label={m.phones.landmark}>
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
          <Phone key={device.id} device={device} />
        ))}
      </div>
    </section>
  );
}
