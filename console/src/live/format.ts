// How times and countdowns read on screen, in the console's locale, in one place so admin and phone views agree.

export const formatDateTime = (locale: string, iso: string) =>
  new Date(iso).toLocaleString(locale, {
    day: '2-digit',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

export const formatClock = (locale: string, ms: number) =>
  new Date(ms).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });

export const formatTime = (locale: string, ms: number) => new Date(ms).toLocaleTimeString(locale);

export const formatDate = (locale: string, ms: number) =>
  new Date(ms).toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long' });

/** mm:ss (or h:mm:ss) left until `deadlineMs`; never negative. */
export function formatCountdown(leftMs: number): string {
  const total = Math.max(0, Math.ceil(leftMs / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}
