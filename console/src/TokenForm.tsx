// Asks for the admin token when the page was opened without `#token=…` (the server prints the full link at start).
import { useState } from 'preact/hooks';

export function TokenForm({ onToken }: { onToken(token: string): void }) {
  const [value, setValue] = useState('');
  return (
    <main class="token-page">
      <h1>mdmsim trainer console</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) onToken(value.trim());
        }}
      >
        <label>
          Admin token (printed by <code>npm start</code>)
          <input
            type="password"
            aria-label="Admin token"
            value={value}
            onInput={(event) => setValue(event.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary">
          Open console
        </button>
      </form>
      <p class="hint">Or open the link the server printed: it ends in #token=….</p>
    </main>
  );
}
