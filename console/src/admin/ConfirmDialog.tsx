// A modal yes/no question on the native <dialog> (focus trap, Escape), giving focus back where it came from.
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface Props {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): void;
  onCancel(): void;
  /** Where focus goes when the dialog ends, if what had focus before is gone (a menu item, say). */
  returnTo?: RefObject<HTMLElement>;
}

export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  returnTo,
}: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    dialog.current?.showModal();
    confirm.current?.focus();
    return () => {
      const target = before?.isConnected && before !== document.body ? before : returnTo?.current;
      // After the dialog leaves the DOM, so the browser does not move focus again.
      setTimeout(() => target?.focus(), 0);
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      class="confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-message"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-message">{message}</p>
      <div class="dialog-buttons">
        <button ref={confirm} type="button" class="primary" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
