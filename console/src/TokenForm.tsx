// Asks for the admin token when the page was opened without `#token=…` (the server prints the full link at start).
import { useState } from 'preact/hooks';
import { useI18n } from './i18n/i18n.js';

export function TokenForm({ onToken }: { onToken(token: string): void }) {
  const { m } = useI18n();
  const [value, setValue] = useState('');
  return (
    <main class="token-page">
      <h1>{m.token.heading}</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) onToken(value.trim());
        }}
      >
        <label for="admin-token">
          {m.token.label} <span class="hint">({m.token.help})</span>
        </label>
        <input
          id="admin-token"
          type="password"
          autoComplete="off"
          value={value}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
        <button type="submit" class="primary">
          {m.token.open}
        </button>
      </form>
      <p class="hint">{m.token.hint}</p>
    </main>
  );
}
