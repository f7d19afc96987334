// Small inline SVG icons, so the page needs no icon font or emoji font on the projector's machine.
const svg = (path: string, label?: string) => (
  <svg
    class="icon-svg"
    viewBox="0 0 24 24"
    width="1em"
    height="1em"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden={label ? undefined : 'true'}
    role={label ? 'img' : undefined}
    aria-label={label}
  >
    <path d={path} />
  </svg>
);

export const LockIcon = () => svg('M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4');
export const PowerIcon = () => svg('M12 2v10M6.3 6.3a8 8 0 1 0 11.4 0');
export const BellIcon = () => svg('M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 21h4');
export const BriefcaseIcon = () => svg('M3 8h18v12H3zM9 8V5h6v3M3 13h18');
export const ClockIcon = () => svg('M12 3a9 9 0 1 0 0.01 0M12 7v5l3 3');
