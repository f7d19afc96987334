// The simulated clock: real time, faster (for iOS's 60-minute countdown), paused, or jumped ahead.

import { useState } from 'preact/hooks';
import { ClockIcon } from '../icons.js';
import { simApi } from '../live/api.js';
import { useLive, useSimulatedNow } from '../live/live-state.js';

const speeds = [
  { speed: 0, label: 'Pause' },
  { speed: 1, label: 'Real time' },
  { speed: 60, label: '×60' },
  { speed: 600, label: '×600' },
];
const jumps = [
  { ms: 5 * 60_000, label: '+5 min' },
  { ms: 60 * 60_000, label: '+60 min' },
];

export function ClockControl() {
  const { clock } = useLive();
  const now = useSimulatedNow(250);
  const [error, setError] = useState<string | null>(null);
  const change = (body: { speed?: number; advanceMs?: number }) => {
    setError(null);
    simApi.setClock(body).catch((failure: Error) => setError(failure.message));
  };
  return (
    <fieldset class="clock" aria-label="Simulated clock">
      <output class="clock-time" aria-label="Simulated time">
        <ClockIcon /> {now === null ? '--:--:--' : new Date(now).toLocaleTimeString('en-GB')}
      </output>
      {speeds.map(({ speed, label }) => (
        <button
          type="button"
          key={speed}
          aria-pressed={clock?.speed === speed}
          aria-label={speed > 1 ? `Speed ${label}` : label}
          onClick={() => change({ speed })}
        >
          {label}
        </button>
      ))}
      {jumps.map(({ ms, label }) => (
        <button
          type="button"
          key={ms}
          aria-label={`Jump ahead ${label}`}
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
