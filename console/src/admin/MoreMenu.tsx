// The overview's "...More" menu of remote actions; Remove passcode is greyed out, with why, where unsupported.
import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  supported: boolean;
  reason: string | null;
  onRemovePasscode(): void;
}

export function MoreMenu({ supported, reason, onRemovePasscode }: Props) {
  const [open, setOpen] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  return (
    <div class="more">
      <button
        type="button"
        class="more-button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        … More
      </button>
      {open && (
        <div
          class="menu"
          role="menu"
          aria-label="More actions"
          onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}
        >
          <button
            ref={first}
            type="button"
            role="menuitem"
            aria-disabled={!supported}
            title={supported ? undefined : (reason ?? undefined)}
            onClick={() => {
              if (!supported) return;
              setOpen(false);
              onRemovePasscode();
            }}
          >
            Remove passcode
            {!supported && <span class="menu-reason">Not supported: {reason}</span>}
          </button>
        </div>
      )}
    </div>
  );
}
