// The simulated clock: real time, faster (for iOS's 60-minute countdown), paused, or jumped ahead.
import { useState } from 'preact/hooks';
import { useControls } from '../admin/navigation.js';
import { useI18n } from '../i18n/i18n.js';
import { ClockIcon } from '../icons.js';
import { formatTime } from '../live/format.js';
import { useLive, useSimulatedNow } from '../live/live-state.js';

const speeds = [0, 1, 60, 600];
const jumps = [
  { ms: 5 * 60_000, label: '+5 min' },
  { ms: 60 * 60_000, label: '+60 min' },
];

export function ClockControl() {
  const { m } = useI18n();
  const { sim } = useControls();
  const { clock } = useLive();
  const now = useSimulatedNow(250);
  const [error, setError] = useState<string | null>(null);
  const change = (body: { speed?: number; advanceMs?: number }) => {
    setError(null);
    sim.setClock(body).catch((failure: Error) => setError(failure.message));
  };
  const speedLabel = (speed: number) =>
    speed === 0 ? m.clock.pause : speed === 1 ? m.clock.realTime : `×${speed}`;
  return (
    <fieldset class="clock" aria-label={m.clock.label}>
      <output class="clock-time" aria-label={m.clock.time}>
        <ClockIcon /> {now === null ? '--:--:--' : formatTime(m.locale, now)}
      </output>
      {speeds.map((speed) => (
        <button
          type="button"
          key={speed}
          aria-pressed={clock?.speed === speed}
          aria-label={speed > 1 ? m.clock.speed(speedLabel(speed)) : speedLabel(speed)}
          onClick={() => change({ speed })}
        >
          {speedLabel(speed)}
        </button>
      ))}
      {jumps.map(({ ms, label }) => (
        <button
          type="button"
          key={ms}
          aria-label={m.clock.jump(label)}
          onClick={() => change({ advanceMs: ms })}
        >
          {label}
        </button>
      ))}
      {error && (
        <span role="alert" class="error">
          {error}
        </span>
      )}
    </fieldset>
  );
}
