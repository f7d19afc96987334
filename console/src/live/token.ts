// The console's two tokens (admin for Graph, simulator for /sim): from the URL fragment `#token=…&sim=…` (then hidden
// from the address bar) or the session.
export interface SavedTokens {
  admin: string;
  sim: string;
}

const KEYS = { admin: 'mdmsim.adminToken', sim: 'mdmsim.simToken' } as const;
const IN_FRAGMENT = { admin: 'token', sim: 'sim' } as const;

/** Takes the tokens from the fragment into sessionStorage, and returns both when the session holds both. */
export function readTokens(): SavedTokens | null {
  let rest = window.location.hash.replace(/^#/, '');
  let found = false;
  for (const kind of ['admin', 'sim'] as const) {
    const pattern = new RegExp(`(?:^|[&?])${IN_FRAGMENT[kind]}=([^&]+)`);
    const match = pattern.exec(rest);
    if (match?.[1]) {
      sessionStorage.setItem(KEYS[kind], decodeURIComponent(match[1]));
      rest = rest.replace(pattern, '').replace(/^[&?]/, '');
      found = true;
    }
  }
  // Keep the rest of the fragment (the console's route), drop only the tokens.
  if (found) {
    history.replaceState(
      null,
      '',
      window.location.pathname + window.location.search + (rest ? `#${rest}` : ''),
    );
  }
  const admin = sessionStorage.getItem(KEYS.admin);
  const sim = sessionStorage.getItem(KEYS.sim);
  return admin && sim ? { admin, sim } : null;
}

export function saveTokens(tokens: SavedTokens): void {
  sessionStorage.setItem(KEYS.admin, tokens.admin.trim());
  sessionStorage.setItem(KEYS.sim, tokens.sim.trim());
}

export function forgetTokens(): void {
  sessionStorage.removeItem(KEYS.admin);
  sessionStorage.removeItem(KEYS.sim);
}
