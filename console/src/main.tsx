// The console's entry: take the admin token, then show the console (or the token form when there is none).
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { App } from './App.js';
import { forgetAdminToken, readAdminToken, saveAdminToken } from './live/token.js';
import { TokenForm } from './TokenForm.js';
import './styles.css';

function Root() {
  const [token, setToken] = useState(readAdminToken);
  if (!token) {
    return (
      <TokenForm
        onToken={(value) => {
          saveAdminToken(value);
          setToken(value);
        }}
      />
    );
  }
  return (
    <App
      token={token}
      onSignOut={() => {
        forgetAdminToken();
        setToken(null);
      }}
    />
  );
}

const root = document.getElementById('app');
if (root) render(<Root />, root);
