// Asks for the admin and simulator tokens when the page was opened without `#token=…&sim=…` (the server prints the
// full link at start).
import { useState } from 'preact/hooks';
import { useI18n } from './i18n/i18n.js';
import type { SavedTokens } from './live/token.js';

export function TokenForm({ onTokens }: { onTokens(tokens: SavedTokens): void }) {
  const { m } = useI18n();
  const [admin, setAdmin] = useState('');
  const [sim, setSim] = useState('');
  return (
    <main class="token-page">
      <h1>{m.token.heading}</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (admin.trim() && sim.trim()) onTokens({ admin: admin.trim(), sim: sim.trim() });
        }}
      >
        <label for="admin-token">
          {m.token.label} <span class="hint">({m.token.help})</span>
        </label>
        <input
          id="admin-token"
          type="password"
          autoComplete="off"
          value={admin}
          onInput={(event) => setAdmin(event.currentTarget.value)}
        />
        <label for="sim-token">
          {m.token.simLabel} <span class="hint">({m.token.help})</span>
        </label>
        <input
          id="sim-token"
          type="password"
          autoComplete="off"
          value={sim}
          onInput={(event) => setSim(event.currentTarget.value)}
        />
        <button type="submit" class="primary">
          {m.token.open}
        </button>
      </form>
      <p class="hint">{m.token.hint}</p>
    </main>
  );
}
