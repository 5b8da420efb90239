import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ModalFormProps {
  title: string;
  testId: string;
  className: string;
  /** The element to focus when it opens (default: its first field). */
  initialFocus?: (dialog: HTMLDialogElement) => HTMLElement | null;
  onClose(): void;
  onSubmit(): void;
  children: ReactNode;
}

const firstField = (dialog: HTMLDialogElement): HTMLElement | null => dialog.querySelector<HTMLElement>('input, select, textarea');

/**
 * A modal form, open while mounted: focus on its first field, Escape closes it (the native
 * dialog's cancel), and focus goes back to whatever opened it when that is still in the page
 * (a removed item's button is not: the caller then moves focus itself).
 */
export function ModalForm({ title, testId, className, initialFocus = firstField, onClose, onSubmit, children }: ModalFormProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    if (dialog) initialFocus(dialog)?.focus();
    return () => {
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
    // Opened once, on mount: the focus choice of later renders does not matter.
  }, []);
  return (
    <dialog
      ref={dialogRef}
      className={className}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {children}
      </form>
    </dialog>
  );
}
