import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';

interface FinanceDialogProps {
  title: string;
  testId: string;
  onClose(): void;
  onSubmit(): void;
  children: ReactNode;
}

/**
 * A modal form: opened on mount, focus on its first field; Escape closes it (the native
 * dialog's cancel), and focus returns to whatever opened it.
 */
export function FinanceDialog({ title, testId, onClose, onSubmit, children }: FinanceDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    return () => opener?.focus({ preventScroll: true });
  }, []);
  return (
    <dialog
      ref={dialogRef}
      className="dialog fin-dialog"
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form
        noValidate
        onSubmit={(event: FormEvent) => {
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
