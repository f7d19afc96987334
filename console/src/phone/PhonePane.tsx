// The end user's side: the phones the trainer chose, side by side, and a chooser for which devices to show.
import { useControls } from '../admin/navigation.js';
import { useLive } from '../live/live-state.js';
import { Phone } from './Phone.js';

export const MAX_PHONES = 2;

export function PhonePane() {
  const { devices } = useLive();
  const { phones, showPhones } = useControls();
  const shown = phones.flatMap((id) => devices.filter((device) => device.id === id));
  const toggle = (id: string) =>
    showPhones(phones.includes(id) ? phones.filter((p) => p !== id) : [id, ...phones].slice(0, MAX_PHONES));
  return (
    <section class="phones" aria-label="End user's devices">
      <details class="phone-chooser">
        <summary>Choose phones ({shown.length} shown)</summary>
        <fieldset aria-label="Phones to show">
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
        {shown.length === 0 && <p class="hint">Pick a device in All devices, or choose phones above.</p>}
        {shown.map((device) => (
          <Phone key={device.id} device={device} />
        ))}
      </div>
    </section>
  );
}
