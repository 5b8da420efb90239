import type { ReactNode } from 'react';
import { ModalForm } from '../../ui/ModalForm';

interface FleetDialogProps {
  title: string;
  testId: string;
  /** Wide: the add form; narrow: a confirmation. */
  wide?: boolean;
  onClose(): void;
  onSubmit(): void;
  children: ReactNode;
}

/** The chosen radio or first field; a confirmation without fields focuses its first button. */
const fieldOrButton = (dialog: HTMLDialogElement): HTMLElement | null =>
  dialog.querySelector<HTMLElement>('input:checked, input, select, textarea') ?? dialog.querySelector<HTMLElement>('button');

/** The fleet sources' modal form (ui/ModalForm in the fleet dialog style). */
export function FleetDialog({ wide, ...props }: FleetDialogProps) {
  return <ModalForm {...props} className={wide ? 'dialog fleet-dialog fleet-dialog-wide' : 'dialog fleet-dialog'} initialFocus={fieldOrButton} />;
}
