// The admin token for Graph calls: from the URL fragment `#token=…` (then hidden from the address bar) or the session.
const KEY = 'mdmsim.adminToken';

/** Takes a token from the fragment into sessionStorage, and returns whatever token the session holds. */
export function readAdminToken(): string | null {
  const match = /(?:^#|[&?])token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(KEY, decodeURIComponent(match[1]));
    // Keep the rest of the fragment (the console's route), drop only the token.
    const rest = window.location.hash.replace(/[#&?]?token=[^&]+/, '').replace(/^[&?]/, '');
    history.replaceState(
      null,
      '',
      window.location.pathname + window.location.search + (rest ? `#${rest}` : ''),
    );
  }
  return sessionStorage.getItem(KEY);
}

export function saveAdminToken(token: string): void {
  sessionStorage.setItem(KEY, token.trim());
}

export function forgetAdminToken(): void {
  sessionStorage.removeItem(KEY);
}
