import { useEffect, useId, useRef, type ReactNode } from 'react';

interface FleetDialogProps {
  title: string;
  testId: string;
  /** Wide: the add form; narrow: a confirmation. */
  wide?: boolean;
  onClose(): void;
  onSubmit(): void;
  children: ReactNode;
}

/**
 * A modal form, open while mounted: focus on its first field (or its first button), Escape
 * closes it (the native dialog's cancel), and focus goes back to whatever opened it, when that
 * is still in the page (a removed source's button is not: the caller then moves focus itself).
 */
export function FleetDialog({ title, testId, wide, onClose, onSubmit, children }: FleetDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    (dialog?.querySelector<HTMLElement>('input:checked, input, select, textarea') ?? dialog?.querySelector<HTMLElement>('button'))?.focus();
    return () => {
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);
  return (
    <dialog
      ref={dialogRef}
      className={wide ? 'dialog fleet-dialog fleet-dialog-wide' : 'dialog fleet-dialog'}
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
