// The overview's "...More" menu of remote actions; the passcode action is greyed out, with why, where unsupported.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';

interface Props {
  actionName: string;
  supported: boolean;
  reason: string | null;
  onRemovePasscode(): void;
  /** The "... More" button, so a dialog opened from the menu can give focus back to it. */
  buttonRef: RefObject<HTMLButtonElement>;
}

export function MoreMenu({ actionName, supported, reason, onRemovePasscode, buttonRef }: Props) {
  const { m } = useI18n();
  const [open, setOpen] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    first.current?.focus();
    // Any press outside the menu closes it, as the portal's menus do.
    const outside = (event: PointerEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);
  return (
    <div class="more" ref={box}>
      <button
        ref={buttonRef}
        type="button"
        class="more-button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {m.overview.more}
      </button>
      {open && (
        <div
          class="menu"
          role="menu"
          aria-label={m.overview.moreActions}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setOpen(false);
              buttonRef.current?.focus();
            }
            if (event.key === 'Tab') setOpen(false);
          }}
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
            {actionName}
            {!supported && <span class="menu-reason">{m.overview.notSupported(reason ?? '')}</span>}
          </button>
        </div>
      )}
    </div>
  );
}
